using System.Globalization;
using Custodian.Audit;
using Custodian.Tests.Support;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Tests.Vault;

/// <summary>
/// The write path on each database, from the sources an operator has: a JSON-lines file with its own column names and
/// a mapping, large enough for several transactions (and PostgreSQL's binary COPY); a refused file leaves the database as it was.
/// </summary>
public sealed class ImportSourcesTests
{
    private const int Rows = 2500;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_mapped_json_lines_file_registers_every_row_with_indexes_and_an_intact_chain(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = new TestDatabase(provider);
        var file = Path.Combine(database.Directory, "legacy.jsonl");
        await File.WriteAllLinesAsync(file, Enumerable.Range(0, Rows).Select(Row), ct);
        var map = Path.Combine(database.Directory, "columns.yaml");
        await File.WriteAllTextAsync(map, "nombre: name\ncorreo: email\ntel: telephone\nnacimiento: date-of-birth\nid_antiguo:\n", ct);

        var (exit, output, error) = await CustodianProcess.RunAsync(database.Options.PostgresConnectionString, "import", "--input", file, "--map", map, "--data", database.Directory);

        Assert.True(exit == 0, error);
        Assert.Contains($"imported {Rows} persons, skipped 0 duplicates", output, StringComparison.Ordinal);
        await using var db = await database.Factory.CreateDbContextAsync(ct);
        Assert.Equal(Rows, await db.Set<Person>().CountAsync(ct));
        Assert.Equal(2 * Rows, await db.Set<BlindIndex>().CountAsync(ct));
        Assert.Equal(Rows, await db.Set<AuditEvent>().CountAsync(e => e.Type == AuditEventType.PersonRegistered, ct));
        var (verified, verification, _) = await CustodianProcess.RunAsync(database.Options.PostgresConnectionString, "audit", "verify", "--data", database.Directory);
        Assert.True(verified == 0, verification);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_file_with_one_bad_row_at_its_end_writes_nothing(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = new TestDatabase(provider);
        var file = Path.Combine(database.Directory, "persons.csv");
        await File.WriteAllLinesAsync(file, ["nombre,correo,tel,nacimiento,id_antiguo", .. Enumerable.Range(0, Rows).Select(Csv), "Last,not-an-email,+52 442 0000000,1990-01-01,9"], ct);
        var map = Path.Combine(database.Directory, "columns.yaml");
        await File.WriteAllTextAsync(map, "nombre: name\ncorreo: email\ntel: telephone\nnacimiento: date-of-birth\nid_antiguo:\n", ct);

        var (exit, _, error) = await CustodianProcess.RunAsync(database.Options.PostgresConnectionString, "import", "--input", file, "--map", map, "--data", database.Directory);

        Assert.Equal(1, exit);
        Assert.Contains($"persons.csv:{Rows + 2}: items.email: item.email", error, StringComparison.Ordinal);
        await using var db = await database.Factory.CreateDbContextAsync(ct);
        Assert.Equal(0, await db.Set<Person>().CountAsync(ct));
        Assert.Equal(0, await db.Set<AuditEvent>().CountAsync(ct));
    }

    private static string Row(int i) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"nombre":"Person {{i}}","correo":"src{{i}}@example.com","tel":"+52 442 {{i:0000000}}","nacimiento":"1990-01-01","id_antiguo":{{i}}}""");

    private static string Csv(int i) => string.Create(CultureInfo.InvariantCulture, $"Person {i},src{i}@example.com,+52 442 {i:0000000},1990-01-01,{i}");
}
