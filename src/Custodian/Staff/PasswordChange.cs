using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Staff;

/// <summary>
/// A member of staff changes their own password: the current one first (a wrong one counts towards the lockout, as at
/// sign-in), the new one under <see cref="StaffPasswords"/>. Every other session of the account ends, since whoever
/// knew the old password may be signed in somewhere.
/// </summary>
internal sealed class PasswordChange(IDbContextFactory<CustodianDb> factory, StaffSignIn signIn, StaffSessions sessions, AuditLog audit, TimeProvider time)
{
    public const string Reason = "staff.password-changed";

    public static readonly Failure CurrentRefused = Failure.Invalid(
        "currentPassword", "staff.password-current", "The current password is not right, or the account is locked for a while.");

    public async Task<Failure?> ChangeAsync(Actor actor, Guid? currentSession, string? currentPassword, string? newPassword, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(currentPassword))
        {
            return Failure.Invalid("currentPassword", "required", "currentPassword is required.");
        }

        newPassword ??= "";
        if (StaffPasswords.Check(newPassword) is { } weak)
        {
            return weak with { Field = "newPassword" };
        }

        if (newPassword == currentPassword)
        {
            return Failure.Invalid("newPassword", "staff.password-unchanged", "The new password must differ from the current one.");
        }

        string? userName;
        await using (var read = await factory.CreateDbContextAsync(cancellationToken))
        {
            userName = await read.Set<StaffAccount>().AsNoTracking().Where(a => a.Id == actor.Id).Select(a => a.UserName).FirstOrDefaultAsync(cancellationToken);
        }

        // The sign-in's own check: same lockout, same audit of a failure, refusal for a deactivated account.
        if (userName is null || !(await signIn.CheckPasswordAsync(userName, currentPassword, cancellationToken)).Succeeded)
        {
            return CurrentRefused;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var account = await db.Set<StaffAccount>().FirstAsync(a => a.Id == actor.Id, cancellationToken);
        account.PasswordHash = StaffAccounts.Hasher.HashPassword(account, newPassword);
        account.MustChangePassword = false;
        account.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await sessions.EndAllAsync(db, account.Id, Reason, cancellationToken, except: currentSession);
        await audit.CommitAsync(db, [new AuditEntry(AuditEventType.StaffPasswordChanged, actor.AuditName, Subject: account.Id.ToString(), Reason: Reason)], cancellationToken);
        return null;
    }
}
