using System.Net;
using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Staff;

/// <summary>What an administrator sees of a role's rules.</summary>
internal sealed record RoleRulesView(string Role, IReadOnlyDictionary<string, string> Views, IReadOnlyList<string> Networks, bool RequireRegisteredDevice = false);

internal sealed record DepartmentView(Guid Id, string Name, Guid? ManagerId);

/// <summary>The safe management measures an administrator configures; every change is audited.</summary>
internal sealed class SafeManagement(IDbContextFactory<CustodianDb> factory, AuditLog audit, RoleRules rules, TimeProvider time, PolicyStore? policies = null, RoleCatalogue? roles = null)
{
    public static readonly Failure UnknownAccount = Failure.NotFound("staff.unknown", "No staff account has this id.");
    public static readonly Failure UnknownDepartment = Failure.NotFound("staff.department-unknown", "No department has this id.");

    public async Task<IReadOnlyList<RoleRulesView>> ListRolesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var roles = await db.Set<StaffRole>().AsNoTracking().OrderBy(r => r.Role).ToListAsync(cancellationToken);
        return roles.Select(r => new RoleRulesView(
            r.Role,
            ViewModes.Parse(r.Views).ToDictionary(p => p.Key, p => ViewModes.Name(p.Value)),
            r.Networks.Split(',', StringSplitOptions.RemoveEmptyEntries),
            r.RequireRegisteredDevice)).ToList();
    }

    /// <summary>Sets the categories a role sees and how; categories left out are hidden. Null or empty: every category.</summary>
    public async Task<Result<RoleRulesView>> SetViewsAsync(Actor actor, string role, IReadOnlyDictionary<string, string>? views, CancellationToken cancellationToken = default)
    {
        if (RoleName(role) is { } bad)
        {
            return bad;
        }

        var parsed = new Dictionary<string, ViewMode>(StringComparer.Ordinal);
        var known = policies?.All.Values.SelectMany(p => p.Categories).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (category, mode) in views ?? new Dictionary<string, string>())
        {
            if (known is not null && !known.Contains(category))
            {
                return Failure.Invalid("views", "staff.category-unknown", "Every key of views is an information category of a loaded policy.");
            }

            if (!ViewModes.ByName.TryGetValue(mode ?? "", out var m))
            {
                return Failure.Invalid("views", "staff.view-mode", "A view is one of: " + string.Join(", ", ViewModes.ByName.Keys) + ".");
            }

            parsed[category] = m;
        }

        return await SaveRoleAsync(actor, role, r => r.Views = ViewModes.Format(parsed), AuditEventType.RoleViewsSet, cancellationToken);
    }

    public async Task<Result<RoleRulesView>> SetRoleNetworksAsync(Actor actor, string role, IReadOnlyList<string>? networks, CancellationToken cancellationToken = default)
    {
        if (RoleName(role) is { } bad)
        {
            return bad;
        }

        if (NetworkList(networks) is not { } list)
        {
            return BadNetworks;
        }

        return await SaveRoleAsync(actor, role, r => r.Networks = list, AuditEventType.RoleNetworksSet, cancellationToken);
    }

    /// <summary>Whether staff of the role work only from registered, approved devices.</summary>
    public async Task<Result<RoleRulesView>> SetRoleDevicesAsync(Actor actor, string role, bool required, CancellationToken cancellationToken = default) =>
        RoleName(role) is { } bad ? bad : await SaveRoleAsync(actor, role, r => r.RequireRegisteredDevice = required, AuditEventType.RoleDevicesSet, cancellationToken);

    public async Task<Result<IReadOnlyList<string>>> SetAccountNetworksAsync(Actor actor, Guid accountId, IReadOnlyList<string>? networks, CancellationToken cancellationToken = default)
    {
        if (NetworkList(networks) is not { } list)
        {
            return BadNetworks;
        }

        var saved = await UpdateAccountAsync(actor, accountId, a => a.Networks = list, AuditEventType.AccountNetworksSet, cancellationToken);
        return saved is null ? list.Split(',', StringSplitOptions.RemoveEmptyEntries) : saved;
    }

    public async Task<Failure?> RecordTrainingAsync(Actor actor, Guid accountId, DateOnly completedOn, CancellationToken cancellationToken = default) =>
        completedOn.ToDateTime(TimeOnly.MinValue) > time.GetUtcNow().UtcDateTime
            ? Failure.Invalid("completedOn", "staff.date-future", "The date cannot be in the future.")
            : await UpdateAccountAsync(actor, accountId, a => a.TrainedAt = completedOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), AuditEventType.TrainingRecorded, cancellationToken);

    public async Task<Failure?> RecordPledgeAsync(Actor actor, Guid accountId, DateOnly signedOn, CancellationToken cancellationToken = default) =>
        signedOn.ToDateTime(TimeOnly.MinValue) > time.GetUtcNow().UtcDateTime
            ? Failure.Invalid("signedOn", "staff.date-future", "The date cannot be in the future.")
            : await UpdateAccountAsync(actor, accountId, a => a.PledgeSignedAt = signedOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), AuditEventType.PledgeRecorded, cancellationToken);

    public async Task<Failure?> AssignDepartmentAsync(Actor actor, Guid accountId, Guid departmentId, CancellationToken cancellationToken = default)
    {
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.Set<StaffDepartment>().AnyAsync(d => d.Id == departmentId, cancellationToken))
            {
                return UnknownDepartment;
            }
        }

        return await UpdateAccountAsync(actor, accountId, a => a.DepartmentId = departmentId, AuditEventType.StaffDepartmentSet, cancellationToken);
    }

    public async Task<IReadOnlyList<DepartmentView>> ListDepartmentsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Set<StaffDepartment>().AsNoTracking().OrderBy(d => d.Name)
            .Select(d => new DepartmentView(d.Id, d.Name, d.ManagerId)).ToListAsync(cancellationToken);
    }

    /// <summary>A department with its information manager (a staff account), as the policy's organizational measures ask.</summary>
    public async Task<Result<DepartmentView>> CreateDepartmentAsync(Actor actor, string? name, Guid? managerId, CancellationToken cancellationToken = default)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > 100)
        {
            return Failure.Invalid("name", "staff.department-name", "A department has a name of 1 to 100 characters.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (managerId is { } m && !await db.Set<StaffAccount>().AnyAsync(a => a.Id == m, cancellationToken))
        {
            return Failure.Invalid("managerId", "staff.unknown", "The information manager is not a staff account.");
        }

        if (await db.Set<StaffDepartment>().AnyAsync(d => d.Name == trimmed, cancellationToken))
        {
            return Failure.Conflict("staff.department-taken", "Another department has this name.");
        }

        var now = time.GetUtcNow();
        var department = new StaffDepartment { Id = Guid.CreateVersion7(now), Name = trimmed, ManagerId = managerId, CreatedAt = now.UtcDateTime, UpdatedAt = now.UtcDateTime };
        db.Add(department);
        await audit.CommitAsync(db, [new AuditEntry(AuditEventType.DepartmentCreated, actor.AuditName, Subject: department.Id.ToString(), Reason: managerId?.ToString())], cancellationToken);
        return new DepartmentView(department.Id, department.Name, department.ManagerId);
    }

    public async Task<Result<DepartmentView>> SetManagerAsync(Actor actor, Guid departmentId, Guid managerId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var department = await db.Set<StaffDepartment>().FirstOrDefaultAsync(d => d.Id == departmentId, cancellationToken);
        if (department is null)
        {
            return UnknownDepartment;
        }

        if (!await db.Set<StaffAccount>().AnyAsync(a => a.Id == managerId, cancellationToken))
        {
            return Failure.Invalid("managerId", "staff.unknown", "The information manager is not a staff account.");
        }

        department.ManagerId = managerId;
        department.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await audit.CommitAsync(db, [new AuditEntry(AuditEventType.DepartmentManagerSet, actor.AuditName, Subject: department.Id.ToString(), Reason: managerId.ToString())], cancellationToken);
        return new DepartmentView(department.Id, department.Name, department.ManagerId);
    }

    /// <summary>
    /// Whether a request from <paramref name="address"/> may act as this actor: the role's list and the account's
    /// list must both allow it. A refusal is audited by actor id; the address is not recorded.
    /// </summary>
    public async Task<bool> IsNetworkAllowedAsync(Actor actor, IPAddress? address, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await rules.EnsureFreshAsync(db, cancellationToken);
        var allowed = Networks.Allows(rules.Networks(actor.Role), address);
        if (allowed && actor.Kind == ActorKind.Staff)
        {
            var own = await db.Set<StaffAccount>().AsNoTracking().Where(a => a.Id == actor.Id).Select(a => a.Networks).FirstOrDefaultAsync(cancellationToken);
            allowed = Networks.Allows(own ?? "", address);
        }

        if (!allowed)
        {
            await audit.CommitAsync(db, [new AuditEntry(AuditEventType.NetworkRefused, actor.AuditName, AuditOutcome.Refused, Reason: "staff.network", Subject: actor.Id.ToString())], cancellationToken);
        }

        return allowed;
    }

    /// <summary>The network check at the password step, before any session exists.</summary>
    public async Task<bool> IsAccountNetworkAllowedAsync(Guid accountId, IPAddress? address, CancellationToken cancellationToken = default)
    {
        string? role;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            role = await db.Set<StaffAccount>().AsNoTracking().Where(a => a.Id == accountId).Select(a => a.Role).FirstOrDefaultAsync(cancellationToken);
        }

        return role is not null && await IsNetworkAllowedAsync(new Actor(ActorKind.Staff, accountId, role), address, cancellationToken);
    }

    private static readonly Failure BadNetworks =
        Failure.Invalid("networks", "staff.network", $"Networks are at most {Networks.MaxEntries} CIDR ranges such as 203.0.113.0/24 or 2001:db8::/32.");

    private static string? NetworkList(IReadOnlyList<string>? networks)
    {
        networks ??= [];
        return networks.Count <= Networks.MaxEntries && Networks.TryParseList(networks, out var parsed, out _)
            ? string.Join(',', parsed.Select(n => n.ToString()))
            : null;
    }

    // A rule for a role nobody can hold would change nothing: only the catalogue's roles and the services' tokens have rules.
    private Failure? RoleName(string role) =>
        role.Length is 0 or > 64 || !role.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? Failure.Invalid("role", "staff.role", "A role has 1 to 64 letters, digits, '-', '_' or '.'.")
            : roles is not null && role != ApiToken.ServiceRole && roles.Find(role) is null
                ? Failure.Invalid("role", "role.unknown", $"'{role}' is not a role; known: {string.Join(", ", roles.All.Select(r => r.Name).Append(ApiToken.ServiceRole))}.")
                : null;

    private async Task<Result<RoleRulesView>> SaveRoleAsync(Actor actor, string role, Action<StaffRole> change, AuditEventType type, CancellationToken cancellationToken)
    {
        try
        {
            return await TrySaveRoleAsync(actor, role, change, type, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two first changes of a new role raced to insert its row; the loser updates the winner's row.
            return await TrySaveRoleAsync(actor, role, change, type, cancellationToken);
        }
    }

    private async Task<Result<RoleRulesView>> TrySaveRoleAsync(Actor actor, string role, Action<StaffRole> change, AuditEventType type, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<StaffRole>().FirstOrDefaultAsync(r => r.Role == role, cancellationToken);
        if (row is null)
        {
            row = new StaffRole { Role = role };
            db.Add(row);
        }

        change(row);
        row.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await audit.CommitAsync(db, [new AuditEntry(type, actor.AuditName, Subject: role)], cancellationToken);
        rules.Invalidate();
        return new RoleRulesView(row.Role, ViewModes.Parse(row.Views).ToDictionary(p => p.Key, p => ViewModes.Name(p.Value)), row.Networks.Split(',', StringSplitOptions.RemoveEmptyEntries), row.RequireRegisteredDevice);
    }

    private async Task<Failure?> UpdateAccountAsync(Actor actor, Guid accountId, Action<StaffAccount> change, AuditEventType type, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var account = await db.Set<StaffAccount>().FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return UnknownAccount;
        }

        change(account);
        account.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await audit.CommitAsync(db, [new AuditEntry(type, actor.AuditName, Subject: account.Id.ToString())], cancellationToken);
        return null;
    }
}
