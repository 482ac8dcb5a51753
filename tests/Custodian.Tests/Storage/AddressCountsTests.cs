using Custodian.Storage;
using Custodian.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Tests.Storage;

/// <summary>
/// The per-address limits' counts: one count for every server on one PostgreSQL database, one per process on SQLite;
/// a window opens with the first use it counts and lasts the limit's period.
/// </summary>
public sealed class AddressCountsTests
{
    private const string Address = "sign-in:192.0.2.77";
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Servers_on_one_postgres_database_count_an_address_together_until_a_minute_after_its_first_use()
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = new TestDatabase("postgres");
        var time = new FakeTime();
        var (a, b) = (Counts(database, time), Counts(database, time));

        Assert.Equal(1, (await a.CountAsync(Address, Minute, ct)).Count);
        Assert.Equal(2, (await b.CountAsync(Address, Minute, ct)).Count);
        Assert.Equal(1, (await b.CountAsync("sign-in:192.0.2.78", Minute, ct)).Count);
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(new WindowCount(3, new FakeTime().Now.AddMinutes(1).ToUnixTimeMilliseconds()), await a.CountAsync(Address, Minute, ct));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await b.CountAsync(Address, Minute, ct)).Count);
    }

    [Fact]
    public async Task A_server_whose_clock_is_behind_counts_into_the_open_window_instead_of_opening_another()
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = new TestDatabase("postgres");
        var (ahead, behind) = (new FakeTime(), new FakeTime());
        ahead.Advance(TimeSpan.FromSeconds(61));

        var first = await Counts(database, ahead).CountAsync(Address, Minute, ct);
        var second = await Counts(database, behind).CountAsync(Address, Minute, ct);

        Assert.Equal(new WindowCount(2, first.WindowEnds), second);
    }

    [Fact]
    public async Task The_table_keeps_no_address_and_loses_rows_whose_window_has_ended()
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = new TestDatabase("postgres");
        var time = new FakeTime();
        var counts = Counts(database, time);
        await counts.CountAsync(Address, Minute, ct);
        Assert.DoesNotContain(await KeysAsync(database), k => k.Contains("192.0.2", StringComparison.Ordinal));

        // Swept at most every five minutes, by whichever server counts then.
        time.Advance(TimeSpan.FromMinutes(6));
        await counts.CountAsync("sign-in:192.0.2.78", Minute, ct);

        Assert.Single(await KeysAsync(database));
    }

    [Fact]
    public async Task On_sqlite_each_process_counts_for_itself_and_the_table_stays_empty()
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = new TestDatabase("sqlite");
        var time = new FakeTime();
        var (a, b) = (Counts(database, time), Counts(database, time));

        await a.CountAsync(Address, Minute, ct);
        Assert.Equal(2, (await a.CountAsync(Address, Minute, ct)).Count);
        Assert.Equal(1, (await b.CountAsync(Address, Minute, ct)).Count);
        time.Advance(Minute);
        Assert.Equal(1, (await a.CountAsync(Address, Minute, ct)).Count);
        Assert.Empty(await KeysAsync(database));
    }

    private static AddressCounts Counts(TestDatabase database, TimeProvider time) => new(Microsoft.Extensions.Options.Options.Create(database.Options), time);

    private static async Task<List<string>> KeysAsync(TestDatabase database)
    {
        await using var db = await database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.Set<AddressCount>().Select(c => c.Key).ToListAsync(TestContext.Current.CancellationToken);
    }
}
