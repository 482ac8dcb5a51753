using System.Globalization;
using Custodian.Audit;
using Custodian.Tests.Support;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Tests.Vault;

/// <summary>
/// <c>custodian import</c> into PostgreSQL, where batches of 1,000 rows or more go through binary COPY: every row is
/// written once with its key, indexes and event, and a file with a bad row writes nothing.
/// </summary>
public sealed class ImportCommandPostgresTests : IDisposable
{
    private readonly TestDatabase _database = new("postgres");

    private string Csv(IEnumerable<string> rows)
    {
        var path = Path.Combine(_database.Directory, Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllLines(path, ["name,email,telephone,date-of-birth", .. rows]);
        return path;
    }

    private static string Row(int i) => string.Create(CultureInfo.InvariantCulture, $"Person {i},pg{i}@example.com,+52 442 {i:0000000},1990-01-01");

    [Fact]
    public async Task An_import_copied_in_batches_registers_every_row_once_with_its_key_indexes_and_an_intact_chain()
    {
        // 2,500 rows: a transaction of 1,000, then one of 1,500, each written by COPY.
        var csv = Csv(Enumerable.Range(0, 2500).Select(Row));

        var (exit, output, error) = await CustodianProcess.RunAsync(_database.Options.PostgresConnectionString, "import", "--input", csv, "--data", _database.Directory);

        Assert.True(exit == 0, error);
        Assert.Contains("imported 2500 persons", output, StringComparison.Ordinal);
        await using (var db = await _database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            Assert.Equal(2500, await db.Set<Person>().CountAsync(TestContext.Current.CancellationToken));
            Assert.Equal(2500, await db.Set<PersonKey>().CountAsync(TestContext.Current.CancellationToken));
            Assert.Equal(5000, await db.Set<BlindIndex>().CountAsync(TestContext.Current.CancellationToken));
            Assert.Equal(2500, await db.Set<AuditEvent>().CountAsync(e => e.Type == AuditEventType.PersonRegistered, TestContext.Current.CancellationToken));
        }

        var (verified, verification, _) = await CustodianProcess.RunAsync(_database.Options.PostgresConnectionString, "audit", "verify", "--data", _database.Directory);
        Assert.True(verified == 0, verification);
        Assert.StartsWith("intact: 2500 events", verification, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_with_a_bad_row_among_thousands_imports_nothing()
    {
        var csv = Csv(Enumerable.Range(0, 2500).Select(i => i == 2200 ? "Bad Row,not-an-email,+52 442 9999999,1990-01-01" : Row(i)));

        var (exit, _, error) = await CustodianProcess.RunAsync(_database.Options.PostgresConnectionString, "import", "--input", csv, "--data", _database.Directory);

        Assert.Equal(1, exit);
        Assert.Contains(":2202: items.email: item.email", error, StringComparison.Ordinal);
        await using var db = await _database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, await db.Set<Person>().CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.Set<AuditEvent>().CountAsync(TestContext.Current.CancellationToken));
    }

    public void Dispose() => _database.Dispose();
}
