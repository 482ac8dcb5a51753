using System.Security.Cryptography;
using System.Text;
using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Staff;

public sealed record DeviceView(Guid Id, Guid AccountId, string Name, DateTime CreatedAt, DateTime? ApprovedAt, bool ThisDevice);

/// <summary>
/// Registered devices (policy: the "individual identification number of mobile devices ... used for access
/// management"). A member of staff registers the browser they use, after a fresh TOTP code; an administrator or
/// the information manager of their department approves it, never they themselves. A role that requires
/// registered devices reaches the console and personal data only from an approved one.
/// </summary>
internal sealed class StaffDevices(IDbContextFactory<CustodianDb> factory, AuditLog audit, StaffSignIn signIn, RoleRules rules, TimeProvider time)
{
    public const int MaxNameLength = 60;
    private const string Prefix = "dev_";

    public static readonly Failure Required = Failure.Refused(
        "staff.device-required", "Your role works only from a registered, approved device: register this one on your account page and have it approved.");

    public static readonly Failure UnknownDevice = Failure.NotFound("staff.device-unknown", "This account has no device with this id.");

    public static readonly Failure NotApprover = Failure.Refused(
        "staff.device-approver", "Devices are approved or revoked by an administrator or the information manager of the account's department.");

    /// <summary>
    /// Registers the browser whose device identifier is <paramref name="identifier"/>, or a new identifier when it
    /// has none yet; returns the identifier for the device cookie. One identifier serves every account of a browser.
    /// </summary>
    public async Task<Result<(DeviceView Device, string Identifier)>> RegisterAsync(Actor actor, string? name, string? code, string? identifier, CancellationToken cancellationToken = default)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > MaxNameLength)
        {
            return Failure.Invalid("name", "staff.device-name", $"A device has a name of 1 to {MaxNameLength} characters, such as \"Office laptop\".");
        }

        if (await signIn.StepUpAsync(actor.Id, code, cancellationToken) is { } refused)
        {
            return refused;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var hash = Hash(identifier);
        var existing = hash is null ? null : await db.Set<StaffDevice>().AsNoTracking().FirstOrDefaultAsync(d => d.AccountId == actor.Id && d.IdentifierHash == hash, cancellationToken);
        if (existing is { RevokedAt: null })
        {
            return Failure.Conflict("staff.device-registered", "This device is registered for your account already.");
        }

        // A revoked registration stays on record, so this browser starts again under a new identifier.
        if (hash is null || existing is not null)
        {
            identifier = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            hash = Hash(identifier)!;
        }

        var now = time.GetUtcNow();
        var device = new StaffDevice { Id = Guid.CreateVersion7(now), AccountId = actor.Id, Name = trimmed, IdentifierHash = hash, CreatedAt = now.UtcDateTime };
        db.Add(device);
        await audit.CommitAsync(db, [new AuditEntry(AuditEventType.DeviceRegistered, actor.AuditName, Subject: device.Id.ToString())], cancellationToken);
        return (View(device, hash), identifier!);
    }

    /// <summary>The account's devices that are not revoked; for the account itself and for those who approve its devices.</summary>
    public async Task<Result<IReadOnlyList<DeviceView>>> ListAsync(Actor viewer, Guid accountId, string? identifier, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await AccessAsync(db, viewer, accountId, ownerMay: true, cancellationToken) is { } failure)
        {
            return failure;
        }

        var hash = Hash(identifier);
        var devices = await db.Set<StaffDevice>().AsNoTracking().Where(d => d.AccountId == accountId && d.RevokedAt == null).OrderBy(d => d.CreatedAt).ToListAsync(cancellationToken);
        return devices.Select(d => View(d, hash)).ToList();
    }

    /// <summary>Devices waiting for the <paramref name="viewer"/>'s approval: every one for an administrator, their departments' for an information manager.</summary>
    public async Task<IReadOnlyList<DeviceView>> PendingAsync(Actor viewer, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var pending = db.Set<StaffDevice>().AsNoTracking().Where(d => d.ApprovedAt == null && d.RevokedAt == null && d.AccountId != viewer.Id);
        if (viewer.Role != StaffRoles.Administrator)
        {
            var managed = db.Set<StaffDepartment>().Where(d => d.ManagerId == viewer.Id).Select(d => (Guid?)d.Id);
            var accounts = db.Set<StaffAccount>().Where(a => managed.Contains(a.DepartmentId)).Select(a => a.Id);
            pending = pending.Where(d => accounts.Contains(d.AccountId));
        }

        return (await pending.OrderBy(d => d.CreatedAt).ToListAsync(cancellationToken)).Select(d => View(d, null)).ToList();
    }

    public Task<Failure?> ApproveAsync(Actor approver, Guid accountId, Guid deviceId, CancellationToken cancellationToken = default) =>
        ChangeAsync(approver, accountId, deviceId, ownerMay: false, AuditEventType.DeviceApproved, (d, now) => d.ApprovedAt ??= now, cancellationToken);

    /// <summary>Revokes a device: by its owner, an administrator or the department's information manager.</summary>
    public Task<Failure?> RevokeAsync(Actor actor, Guid accountId, Guid deviceId, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, accountId, deviceId, ownerMay: true, AuditEventType.DeviceRevoked, (d, now) => d.RevokedAt = now, cancellationToken);

    /// <summary>Whether the request of a member of staff comes from a device their role accepts; a refusal is audited.</summary>
    public async Task<bool> IsAllowedAsync(Actor actor, string? identifier, CancellationToken cancellationToken = default)
    {
        if (actor.Kind != ActorKind.Staff)
        {
            return true;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await rules.EnsureFreshAsync(db, cancellationToken);
        if (!rules.RequiresDevice(actor.Role))
        {
            return true;
        }

        var hash = Hash(identifier);
        if (hash is not null && await db.Set<StaffDevice>().AnyAsync(
                d => d.AccountId == actor.Id && d.IdentifierHash == hash && d.ApprovedAt != null && d.RevokedAt == null, cancellationToken))
        {
            return true;
        }

        await audit.CommitAsync(db, [new AuditEntry(AuditEventType.DeviceRefused, actor.AuditName, AuditOutcome.Refused, Reason: Required.Code, Subject: actor.Id.ToString())], cancellationToken);
        return false;
    }

    public async Task<bool> IsRequiredAsync(string role, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await rules.EnsureFreshAsync(db, cancellationToken);
        return rules.RequiresDevice(role);
    }

    private async Task<Failure?> ChangeAsync(
        Actor actor, Guid accountId, Guid deviceId, bool ownerMay, AuditEventType type, Action<StaffDevice, DateTime> change, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await AccessAsync(db, actor, accountId, ownerMay, cancellationToken) is { } failure)
        {
            return failure;
        }

        var device = await db.Set<StaffDevice>().FirstOrDefaultAsync(d => d.Id == deviceId && d.AccountId == accountId && d.RevokedAt == null, cancellationToken);
        if (device is null)
        {
            return UnknownDevice;
        }

        if (type == AuditEventType.DeviceApproved)
        {
            device.ApprovedBy = actor.Id;
        }

        change(device, time.GetUtcNow().UtcDateTime);
        await audit.CommitAsync(db, [new AuditEntry(type, actor.AuditName, Subject: device.Id.ToString(), Reason: accountId.ToString())], cancellationToken);
        return null;
    }

    // Four eyes: an owner may list and revoke their devices, but the approval is always someone else's.
    private static async Task<Failure?> AccessAsync(CustodianDb db, Actor actor, Guid accountId, bool ownerMay, CancellationToken cancellationToken)
    {
        var departmentId = await db.Set<StaffAccount>().Where(a => a.Id == accountId).Select(a => new { a.DepartmentId }).FirstOrDefaultAsync(cancellationToken);
        if (departmentId is null)
        {
            return SafeManagement.UnknownAccount;
        }

        if (actor.Id == accountId)
        {
            return ownerMay ? null : Failure.Refused("staff.device-self-approval", "A device is approved by someone other than its owner.");
        }

        var manages = departmentId.DepartmentId is { } department
            && await db.Set<StaffDepartment>().AnyAsync(d => d.Id == department && d.ManagerId == actor.Id, cancellationToken);
        return actor.Kind == ActorKind.Staff && (actor.Role == StaffRoles.Administrator || manages) ? null : NotApprover;
    }

    private static DeviceView View(StaffDevice d, byte[]? current) =>
        new(d.Id, d.AccountId, d.Name, d.CreatedAt, d.ApprovedAt, current is not null && d.IdentifierHash.AsSpan().SequenceEqual(current));

    private static byte[]? Hash(string? identifier) =>
        identifier is { Length: > 10 and < 100 } && identifier.StartsWith(Prefix, StringComparison.Ordinal) ? SHA256.HashData(Encoding.ASCII.GetBytes(identifier)) : null;
}
