using Custodian.Audit;
using Custodian.Gate;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.Vault;

public abstract class ImportTests(CustodianApp app)
{
    private List<CheckedRegistration> Rows(int count)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var enrolment = app.Service<Enrolment>();
        return Enumerable.Range(0, count)
            .Select(i => enrolment.Check(new Registration("service-application", new Dictionary<string, string?>
            {
                ["name"] = $"Candidate {tag} {i}", ["date-of-birth"] = "1990-01-01", ["email"] = $"i{tag}{i}@example.com", ["telephone"] = $"+52 442 {i:0000000}",
            })).Value!)
            .ToList();
    }

    private async Task<(int Persons, int Keys, int Registered)> CountAsync()
    {
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        return (await db.Set<Person>().CountAsync(), await db.Set<PersonKey>().CountAsync(),
            await db.Set<AuditEvent>().CountAsync(e => e.Type == AuditEventType.PersonRegistered));
    }

    [Fact]
    public async Task An_import_commits_transactions_that_double_from_1000_and_reports_each()
    {
        var before = await CountAsync();
        var progress = new Recorder();

        var imported = await app.Service<PersonVault>().ImportAsync(Actor.System, Rows(3500), progress, batchSize: 2000);

        Assert.Equal(3500, imported);
        Assert.Equal([1000, 3000, 3500], progress.Seen);
        Assert.Equal((before.Persons + 3500, before.Keys + 3500, before.Registered + 3500), await CountAsync());
    }

    [Fact]
    public async Task A_cancelled_import_stops_after_the_transaction_it_is_in_and_keeps_it_whole()
    {
        var before = await CountAsync();
        using var cancel = new CancellationTokenSource();
        var progress = new Recorder(cancel.Cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            app.Service<PersonVault>().ImportAsync(Actor.System, Rows(3500), progress, batchSize: 2000, cancellationToken: cancel.Token));

        Assert.Equal([1000], progress.Seen);
        Assert.Equal((before.Persons + 1000, before.Keys + 1000, before.Registered + 1000), await CountAsync());
    }

    [Fact]
    public async Task A_batch_size_below_one_is_refused_before_anything_is_written()
    {
        var before = await CountAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => app.Service<PersonVault>().ImportAsync(Actor.System, Rows(10), batchSize: 0));

        Assert.Equal(before, await CountAsync());
    }

    // Records each report as it is made (Progress<T> would post them to the thread pool, in no set order).
    private sealed class Recorder(Action? onReport = null) : IProgress<long>
    {
        public List<long> Seen { get; } = [];

        public void Report(long value)
        {
            Seen.Add(value);
            onReport?.Invoke();
        }
    }
}

public sealed class ImportTests_Sqlite(SqliteApp app) : ImportTests(app), IClassFixture<SqliteApp>;

public sealed class ImportTests_Postgres(PostgresApp app) : ImportTests(app), IClassFixture<PostgresApp>;
