using System.Collections.Concurrent;

namespace Custodian.Requests;

/// <summary>
/// Wrong secrets on the status page, per request: the fifth locks the reference for fifteen minutes, so a secret
/// cannot be guessed however the guesses are spread over addresses. Kept in memory: a restart forgets the count,
/// which costs an attacker a restart they cannot cause, and it keeps the schema unchanged for one server; several
/// servers behind a balancer each allow five.
/// </summary>
internal sealed class StatusSecretGuard(TimeProvider time)
{
    public const int MaxWrongSecrets = 5;
    public static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<Guid, Attempts> _requests = new();

    private sealed record Attempts(int Wrong, DateTimeOffset? LockedUntil);

    public bool IsLocked(Guid requestId) => _requests.TryGetValue(requestId, out var a) && a.LockedUntil > time.GetUtcNow();

    /// <summary>Counts a wrong secret; true for the one attempt that locked the reference (it alone is audited).</summary>
    public bool Wrong(Guid requestId)
    {
        var now = time.GetUtcNow();
        var counted = _requests.AddOrUpdate(requestId, _ => new Attempts(1, null),
            (_, a) => a.LockedUntil is { } until && until <= now ? new Attempts(1, null) : a with { Wrong = a.Wrong + 1 });
        return counted.Wrong >= MaxWrongSecrets && _requests.TryUpdate(requestId, new Attempts(0, now + LockDuration), counted);
    }

    public void Right(Guid requestId) => _requests.TryRemove(requestId, out _);
}
