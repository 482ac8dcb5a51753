using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Staff;

/// <summary>
/// An administrator's reset of an account's second factor, for a lost authenticator: the secret and the recovery
/// codes go, every session ends, and the next sign-in enrols again.
/// </summary>
internal sealed class TwoStepReset(IDbContextFactory<CustodianDb> factory, AuditLog audit, StaffSessions sessions, RecoveryCodes recovery, TimeProvider time)
{
    public const string Reason = "staff.totp-reset";

    public async Task<Failure?> ResetAsync(Actor actor, Guid accountId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var account = await db.Set<StaffAccount>().FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return SafeManagement.UnknownAccount;
        }

        account.TotpSecret = null;
        account.TotpEnrolled = false;
        account.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await recovery.RemoveAllAsync(db, accountId, cancellationToken);
        await sessions.EndAllAsync(db, accountId, Reason, cancellationToken);
        await audit.CommitAsync(db, [new AuditEntry(AuditEventType.TotpReset, actor.AuditName, Reason: Reason, Subject: accountId.ToString())], cancellationToken);
        return null;
    }
}
