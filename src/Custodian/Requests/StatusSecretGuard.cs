using Custodian.Storage;

namespace Custodian.Requests;

/// <summary>
/// Wrong secrets on the status page, per request: the fifth locks the reference for fifteen minutes, so a secret
/// cannot be guessed however the guesses are spread over addresses. Counted by <see cref="AddressCounts"/>: on PostgreSQL
/// in one row that every server shares, so several servers behind a balancer allow five between them, not five each; on
/// SQLite, one process's database, in memory (a restart forgets the count, which costs an attacker a restart they cannot cause).
/// </summary>
internal sealed class StatusSecretGuard(AddressCounts counts, TimeProvider time)
{
    public const int MaxWrongSecrets = 5;
    public static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(15);

    // Wrong secrets short of a lock are forgotten a day after the first: long enough that spacing guesses out gains nothing.
    private static readonly TimeSpan Counting = TimeSpan.FromDays(1);

    // The table keeps a digest of this, as of an address.
    private static string Key(Guid requestId) => "status-secret:" + requestId.ToString("N");

    public async Task<bool> IsLockedAsync(Guid requestId, CancellationToken cancellationToken) =>
        await counts.PeekAsync(Key(requestId), cancellationToken) is { } kept
        && kept.Count >= MaxWrongSecrets && kept.WindowEnds > time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Counts a wrong secret; true for the one attempt that locked the reference (it alone is audited).</summary>
    public async Task<bool> WrongAsync(Guid requestId, CancellationToken cancellationToken)
    {
        // One statement counts for every server, so exactly one attempt sees the fifth; the lock runs from then, and once it
        // has ended the next wrong secret counts from one again.
        var counted = await counts.CountAsync(Key(requestId), Counting, cancellationToken);
        if (counted.Count != MaxWrongSecrets)
        {
            return false;
        }

        await counts.EndWindowAtAsync(Key(requestId), time.GetUtcNow() + LockDuration, cancellationToken);
        return true;
    }

    public Task RightAsync(Guid requestId, CancellationToken cancellationToken) => counts.ForgetAsync(Key(requestId), cancellationToken);
}
