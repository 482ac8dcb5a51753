using Custodian.Storage;
using Custodian.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Custodian.Tests.Storage;

/// <summary>Two servers on one database: one holds the scheduled work; it moves when the holder stops or dies.</summary>
public sealed class SchedulerLeaseTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task One_server_holds_the_lease_and_the_other_takes_it_when_the_holder_stops(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = new TestDatabase(provider);
        var time = new FakeTime();
        var first = Lease(database, time);
        var second = Lease(database, time);

        Assert.True(await first.RenewAsync(ct));
        Assert.False(await second.RenewAsync(ct));
        Assert.True(await first.RenewAsync(ct));
        Assert.True(first.IsHeld);
        Assert.False(second.IsHeld);

        // A clean stop gives the lease up: the other takes it at its next renewal, not after the lease has run out.
        await first.StartAsync(ct);
        await first.StopAsync(ct);
        Assert.False(first.IsHeld);
        Assert.True(await second.RenewAsync(ct));
        Assert.False(await first.RenewAsync(ct));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_holder_that_died_loses_the_lease_once_it_has_run_out_and_never_before(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = new TestDatabase(provider);
        var time = new FakeTime();
        var dead = Lease(database, time);
        var other = Lease(database, time);
        Assert.True(await dead.RenewAsync(ct));

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(await other.RenewAsync(ct));
        // The holder counts itself out a tenth of the lease early, so the two never run work at the same time.
        Assert.False(dead.IsHeld);

        time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(await other.RenewAsync(ct));
        Assert.True(other.IsHeld);
        Assert.False(await dead.RenewAsync(ct));
    }

    private static SchedulerLease Lease(TestDatabase database, TimeProvider time) =>
        new(Microsoft.Extensions.Options.Options.Create(database.Options), time, NullLogger<SchedulerLease>.Instance);
}
