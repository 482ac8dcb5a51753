using System.Linq.Expressions;
using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Staff;

/// <summary>What an administrator sees of an account: no secrets, and no password or second-factor material.</summary>
internal sealed record StaffAccountView(
    Guid Id, string UserName, string Role, Guid? DepartmentId, string? Department, bool Active, bool Enrolled,
    bool MustChangePassword, DateTime? LastSignInAt, DateTime? DeactivatedAt, string? JointUser = null);

/// <summary>An account just created, with its initial password: shown to the administrator this once, never stored in clear.</summary>
internal sealed record CreatedStaffAccount(StaffAccountView Account, string InitialPassword);

/// <summary>
/// Staff accounts from joining to leaving: creation with an initial password that must be changed at the first
/// sign-in, role changes, deactivation and reactivation. Every change commits with its audit event.
/// </summary>
internal sealed class StaffLifecycle(
    IDbContextFactory<CustodianDb> factory, StaffAccounts accounts, StaffSessions sessions, AuditLog audit, TimeProvider time, RoleCatalogue roles,
    Policy.PolicyStore? policies = null)
{
    public const string DeactivatedReason = "staff.deactivated";
    public const string RoleChangedReason = "staff.role-changed";
    public const string JointUserChangedReason = "staff.joint-user-changed";

    public static readonly Failure LastAdministrator =
        Failure.Conflict("staff.last-administrator", "This is the last active administrator; make another one first.");

    public async Task<IReadOnlyList<StaffAccountView>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await Views(db, _ => true).ToListAsync(cancellationToken);
    }

    public async Task<Result<StaffAccountView>> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await Views(db, a => a.Id == id).FirstOrDefaultAsync(cancellationToken) is { } view ? view : SafeManagement.UnknownAccount;
    }

    public async Task<Result<StaffAccountView>> FindAsync(string userName, CancellationToken cancellationToken = default)
    {
        var name = userName.Trim();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await Views(db, a => a.UserName == name).FirstOrDefaultAsync(cancellationToken) is { } view ? view : SafeManagement.UnknownAccount;
    }

    /// <summary>A new account with a generated initial password; its holder chooses their own at the first sign-in.</summary>
    public async Task<Result<CreatedStaffAccount>> CreateAsync(Actor actor, string? userName, string? role, Guid? departmentId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(userName))
        {
            return Failure.Invalid("userName", "staff.user-name", "A user name has 1 to 64 letters, digits, '.', '-', '_' or '@'.");
        }

        if (roles.Find(role ?? "") is null)
        {
            return roles.Unknown;
        }

        var password = StaffAccounts.GeneratePassword();
        var created = await accounts.CreateAsync(actor, userName, password, role!, cancellationToken, departmentId, mustChangePassword: true);
        return created.Succeeded ? new CreatedStaffAccount((await GetAsync(created.Value!.Id, cancellationToken)).Value!, password) : created.Failure!;
    }

    /// <summary>A new role. The account's sessions end, since they carry the old role; its holder signs in again.</summary>
    public async Task<Result<StaffAccountView>> SetRoleAsync(Actor actor, Guid id, string? role, CancellationToken cancellationToken = default)
    {
        if (roles.Find(role ?? "") is null)
        {
            return roles.Unknown;
        }

        var failure = await ChangeAsync(id, cancellationToken, async (db, account) =>
        {
            if (account.Role == role)
            {
                return null;
            }

            account.Role = role!;
            await sessions.EndAllAsync(db, id, RoleChangedReason, cancellationToken);
            return new AuditEntry(AuditEventType.StaffRoleSet, actor.AuditName, Subject: id.ToString(), Reason: role);
        });
        return failure ?? await GetAsync(id, cancellationToken);
    }

    /// <summary>
    /// The joint user (a member of a loaded policy's joint use) whose staff the holder is, or null for the operator's own. The
    /// sessions end, since they carry it; a read by the staff of a joint user abroad then leaves a transfer record.
    /// </summary>
    public async Task<Result<StaffAccountView>> SetJointUserAsync(Actor actor, Guid id, string? member, CancellationToken cancellationToken = default)
    {
        var checkedMember = Staff.JointUsers.Check(policies, member, "jointUser");
        if (checkedMember.Failure is { } unknown)
        {
            return unknown;
        }

        var wanted = checkedMember.Value;

        var failure = await ChangeAsync(id, cancellationToken, async (db, account) =>
        {
            if (account.JointUser == wanted)
            {
                return null;
            }

            account.JointUser = wanted;
            await sessions.EndAllAsync(db, id, JointUserChangedReason, cancellationToken);
            return new AuditEntry(AuditEventType.StaffJointUserSet, actor.AuditName, Subject: id.ToString(), Reason: wanted);
        });
        return failure ?? await GetAsync(id, cancellationToken);
    }

    /// <summary>Every joint user the loaded policies name, for the console's choice.</summary>
    public IReadOnlyList<string> JointUsers() => Staff.JointUsers.Known(policies);

    /// <summary>
    /// Someone left: sessions end, devices and the API tokens the account created are revoked, sign-in is refused.
    /// The second factor and recovery codes stay, so a reactivated account signs in as before.
    /// </summary>
    public async Task<Failure?> DeactivateAsync(Actor actor, Guid id, CancellationToken cancellationToken = default)
    {
        if (actor.Kind == ActorKind.Staff && actor.Id == id)
        {
            return Failure.Conflict("staff.deactivate-self", "An account cannot deactivate itself; ask another administrator.");
        }

        return await ChangeAsync(id, cancellationToken, async (db, account) =>
        {
            if (account.DeactivatedAt is not null)
            {
                throw new Refusal(Failure.Conflict("staff.deactivated", "This account is deactivated already."));
            }

            var now = time.GetUtcNow().UtcDateTime;
            account.DeactivatedAt = now;
            await sessions.EndAllAsync(db, id, DeactivatedReason, cancellationToken);
            foreach (var device in await db.Set<StaffDevice>().Where(d => d.AccountId == id && d.RevokedAt == null).ToListAsync(cancellationToken))
            {
                device.RevokedAt = now;
            }

            foreach (var token in await db.Set<ApiToken>().Where(t => t.CreatedBy == id && t.RevokedAt == null).ToListAsync(cancellationToken))
            {
                token.RevokedAt = now;
            }

            return new AuditEntry(AuditEventType.StaffDeactivated, actor.AuditName, Subject: id.ToString(), Reason: DeactivatedReason);
        });
    }

    /// <summary>Sign-in works again; devices stay revoked and are registered and approved anew.</summary>
    public async Task<Failure?> ReactivateAsync(Actor actor, Guid id, CancellationToken cancellationToken = default) =>
        await ChangeAsync(id, cancellationToken, (_, account) =>
        {
            if (account.DeactivatedAt is null)
            {
                throw new Refusal(Failure.Conflict("staff.active", "This account is active already."));
            }

            account.DeactivatedAt = null;
            account.FailedCount = 0;
            account.LockedUntil = null;
            return Task.FromResult<AuditEntry?>(new AuditEntry(AuditEventType.StaffReactivated, actor.AuditName, Subject: id.ToString()));
        });

    /// <summary>
    /// Loads the account, applies <paramref name="change"/> and commits it with its audit event. When the account was an
    /// active administrator, the check that another one remains runs inside the audit log's commit, which one writer at a time holds, so two administrators
    /// deactivating each other at once cannot both succeed; a refusal rolls everything back.
    /// </summary>
    private async Task<Failure?> ChangeAsync(Guid id, CancellationToken cancellationToken, Func<CustodianDb, StaffAccount, Task<AuditEntry?>> change)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<StaffAccount>().FirstOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } account)
        {
            return SafeManagement.UnknownAccount;
        }

        var wasActiveAdministrator = account.Role == StaffRoles.Administrator && account.DeactivatedAt is null;
        try
        {
            if (await change(db, account) is not { } entry)
            {
                return null;
            }

            account.UpdatedAt = time.GetUtcNow().UtcDateTime;
            await audit.CommitAsync(db, [entry], async (tx, ct) =>
            {
                if (wasActiveAdministrator && !await tx.Set<StaffAccount>().AnyAsync(a => a.Role == StaffRoles.Administrator && a.DeactivatedAt == null, ct))
                {
                    throw new Refusal(LastAdministrator);
                }
            }, cancellationToken);
            return null;
        }
        catch (Refusal refusal)
        {
            return refusal.Failure;
        }
    }

    // The filter goes before the projection: EF cannot filter on a record built by its constructor.
    private static IQueryable<StaffAccountView> Views(CustodianDb db, Expression<Func<StaffAccount, bool>> filter) =>
        from a in db.Set<StaffAccount>().AsNoTracking().Where(filter).OrderBy(a => a.UserName)
        join d in db.Set<StaffDepartment>() on a.DepartmentId equals d.Id into departments
        from d in departments.DefaultIfEmpty()
        select new StaffAccountView(a.Id, a.UserName, a.Role, a.DepartmentId, d == null ? null : d.Name, a.DeactivatedAt == null, a.TotpEnrolled,
            a.MustChangePassword, a.LastSignInAt, a.DeactivatedAt, a.JointUser);

    /// <summary>An expected refusal found part-way through a change; thrown only to roll the transaction back.</summary>
    private sealed class Refusal(Failure failure) : Exception(failure.Detail)
    {
        public Failure Failure { get; } = failure;
    }
}
