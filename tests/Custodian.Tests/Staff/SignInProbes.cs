using Custodian.Staff;
using Custodian.Tests.Support;
using Microsoft.AspNetCore.Identity;

namespace Custodian.Tests.Staff;

/// <summary>The real hasher, counting its verifications: proves each refusal does the same work without a stopwatch.</summary>
internal sealed class CountingHasher : IPasswordHasher<StaffAccount>
{
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(StaffAccount user, string password) => StaffAccounts.Hasher.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(StaffAccount user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return StaffAccounts.Hasher.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>
/// The harness's fake clock that, once armed, holds every caller until <c>expected</c> callers have asked for the
/// time: attempts that read the account state before the first one writes line up deterministically, the way a
/// burst of parallel requests does on a busy server.
/// </summary>
internal sealed class RendezvousTime(FakeTime inner) : TimeProvider
{
    private readonly ManualResetEventSlim _all = new(initialState: true);
    private int _expected;
    private int _arrived;

    public void Arm(int expected)
    {
        _expected = expected;
        _arrived = 0;
        _all.Reset();
    }

    public override DateTimeOffset GetUtcNow()
    {
        if (!_all.IsSet)
        {
            if (Interlocked.Increment(ref _arrived) >= _expected)
            {
                _all.Set();
            }

            // A bound so that a broken test fails instead of hanging; it never decides the outcome.
            _all.Wait(TimeSpan.FromSeconds(30));
        }

        return inner.GetUtcNow();
    }

    /// <summary>Runs <paramref name="count"/> attempts each on a thread of its own, all at once.</summary>
    public async Task<T[]> InParallelAsync<T>(int count, Func<Task<T>> attempt)
    {
        Arm(count);
        return await Task.WhenAll(Enumerable.Range(0, count)
            .Select(_ => Task.Factory.StartNew(attempt, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()));
    }
}
