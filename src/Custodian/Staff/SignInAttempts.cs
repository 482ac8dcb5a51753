using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Staff;

/// <summary>
/// Failure counting that holds under parallel attempts. An attempt claims one of the
/// <see cref="StaffSignIn.MaxFailures"/> slots with one conditional UPDATE before its secret is checked, so
/// however many requests arrive at once, no more than that many guesses are evaluated before the lockout:
/// a read-modify-write of the count lost increments when twenty attempts read the same value.
/// </summary>
internal sealed class SignInAttempts(TimeProvider time)
{
    /// <summary>True when the account is not locked and a slot was left; the slot counts as a failure until released.</summary>
    public async Task<bool> TryClaimAsync(CustodianDb db, Guid accountId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var claimed = await db.Set<StaffAccount>()
            .Where(a => a.Id == accountId && (a.LockedUntil == null || a.LockedUntil <= now) && a.FailedCount < StaffSignIn.MaxFailures)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.FailedCount, a => a.FailedCount + 1), cancellationToken);
        return claimed == 1;
    }

    /// <summary>After a failure: once every slot is spent, the account locks and the count starts again.</summary>
    public async Task LockIfSpentAsync(CustodianDb db, Guid accountId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + StaffSignIn.LockoutDuration;
        await db.Set<StaffAccount>()
            .Where(a => a.Id == accountId && a.FailedCount >= StaffSignIn.MaxFailures)
            .ExecuteUpdateAsync(s => s
                .SetProperty(a => a.FailedCount, 0)
                .SetProperty(a => a.LockedUntil, until)
                .SetProperty(a => a.UpdatedAt, now), cancellationToken);
    }

    /// <summary>
    /// A right password gives its slot back without clearing earlier failures, so knowing the password does not
    /// reset the count of wrong second-step codes; only a right code clears it.
    /// </summary>
    public Task ReleaseAsync(CustodianDb db, Guid accountId, CancellationToken cancellationToken) =>
        db.Set<StaffAccount>()
            .Where(a => a.Id == accountId && a.FailedCount > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.FailedCount, a => a.FailedCount - 1), cancellationToken);
}
