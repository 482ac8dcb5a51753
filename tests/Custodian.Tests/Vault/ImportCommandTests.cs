using Custodian.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Custodian.Tests.Vault;

public sealed class ImportCommandTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("custodian-import-").FullName;

    private string Csv(params string[] lines)
    {
        var path = Path.Combine(_data, Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    private long Count(string table)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "custodian.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task Import_registers_every_row_through_the_vault_with_an_audit_event_each()
    {
        var csv = Csv(
            "name,email,telephone,date-of-birth,career",
            "Ana Torres,ana@example.com,+52 442 555 0101,1990-05-04,Accountant",
            "\"Pérez, Luis\",luis@example.com,442 555 0102,1985-01-20,");

        var (exit, output, error) = await CustodianCli.RunAsync("import", "--input", csv, "--data", _data);

        Assert.True(exit == 0, error);
        Assert.Contains("imported 2 persons", output, StringComparison.Ordinal);
        Assert.Equal(2, Count("vault_persons"));
        Assert.Equal(2, Count("vault_person_keys"));
        Assert.Equal(2, Count("audit_events"));
    }

    [Fact]
    public async Task An_import_of_several_transactions_registers_every_row_once_with_its_indexes_and_an_intact_chain()
    {
        // 2,500 rows: a transaction of 1,000, then one of the remaining 1,500 (the sizes double from 1,000).
        var csv = Csv(["name,email,telephone,date-of-birth", .. Enumerable.Range(0, 2500).Select(i => $"Person {i},p{i}@example.com,+52 442 {i:0000000},1990-01-01")]);

        var (exit, output, error) = await CustodianCli.RunAsync("import", "--input", csv, "--data", _data);

        Assert.True(exit == 0, error);
        Assert.Contains("imported 2500 persons", output, StringComparison.Ordinal);
        Assert.Equal(2500, Count("vault_persons"));
        Assert.Equal(2500, Count("vault_person_keys"));
        Assert.Equal(5000, Count("vault_blind_indexes"));
        Assert.Equal(2500, Count("audit_events"));
        var (verified, verification, _) = await CustodianCli.RunAsync("audit", "verify", "--data", _data);
        Assert.Equal(0, verified);
        Assert.StartsWith("intact: 2500 events", verification, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_with_a_bad_row_imports_nothing_and_names_line_and_field()
    {
        var csv = Csv(
            "name,email,telephone,date-of-birth",
            "Ana Torres,ana@example.com,+52 442 555 0101,1990-05-04",
            "Luis Pérez,not-an-email,442 555 0102,1985-01-20");

        var (exit, _, error) = await CustodianCli.RunAsync("import", "--input", csv, "--data", _data);

        Assert.Equal(1, exit);
        Assert.Contains(":3: items.email: item.email", error, StringComparison.Ordinal);
        Assert.DoesNotContain("not-an-email", error, StringComparison.Ordinal);
        Assert.Equal(0, Count("vault_persons"));
        Assert.Equal(0, Count("audit_events"));
    }

    [Fact]
    public async Task A_ragged_csv_is_refused()
    {
        var csv = Csv("name,email,telephone,date-of-birth", "Ana Torres,ana@example.com");

        var (exit, _, error) = await CustodianCli.RunAsync("import", "--input", csv, "--data", _data);

        Assert.Equal(1, exit);
        Assert.Contains(":2: row: csv.fields: 2 field(s) where the header has 4.", error, StringComparison.Ordinal);
        Assert.Equal(0, Count("vault_persons"));
    }

    [Fact]
    public async Task A_missing_file_is_named()
    {
        var (exit, _, error) = await CustodianCli.RunAsync("import", "--input", Path.Combine(_data, "nope.csv"), "--data", _data);

        Assert.Equal(1, exit);
        Assert.Contains("no such file", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_input_option_is_a_usage_error()
    {
        var (exit, _, _) = await CustodianCli.RunAsync("import", "--data", _data);

        Assert.Equal(2, exit);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }
}
