using Custodian.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Custodian.Tests.Vault;

public sealed class ImportCommandDuplicateTests : IDisposable
{
    private const string Header = "name,email,telephone,date-of-birth";
    private readonly string _data = Directory.CreateTempSubdirectory("custodian-import-").FullName;

    private string Csv(params string[] lines)
    {
        var path = Path.Combine(_data, Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    private static string[] Persons(int from, int count) =>
        [.. Enumerable.Range(from, count).Select(i => $"Person {i},p{i}@example.com,+52 442 {i:0000000},1990-01-01")];

    private long Count(string table)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "custodian.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task A_rerun_of_the_same_file_registers_nobody_and_reports_every_row_skipped()
    {
        var csv = Csv([Header, .. Persons(0, 30)]);
        var (first, _, firstError) = await CustodianCli.RunAsync("import", "--input", csv, "--data", _data);
        Assert.True(first == 0, firstError);

        var (exit, output, error) = await CustodianCli.RunAsync("import", "--input", csv, "--data", _data);

        Assert.True(exit == 0, error);
        Assert.Contains("imported 0 persons, skipped 30 duplicates", output, StringComparison.Ordinal);
        Assert.Contains($"{Path.GetFileName(csv)}:2: email: duplicate", error, StringComparison.Ordinal);
        Assert.Contains($"{Path.GetFileName(csv)}:31: telephone: duplicate", error, StringComparison.Ordinal);
        Assert.DoesNotContain("example.com", error, StringComparison.Ordinal);
        Assert.Equal(30, Count("vault_persons"));
        Assert.Equal(30, Count("audit_events"));
    }

    [Fact]
    public async Task A_rerun_after_a_crash_half_way_registers_only_the_rest()
    {
        // The first run "crashed" after its first half: that half is what it had committed.
        var (first, _, firstError) = await CustodianCli.RunAsync("import", "--input", Csv([Header, .. Persons(0, 1500)]), "--data", _data);
        Assert.True(first == 0, firstError);

        var (exit, output, error) = await CustodianCli.RunAsync("import", "--input", Csv([Header, .. Persons(0, 3000)]), "--data", _data);

        Assert.True(exit == 0, error);
        Assert.Contains("resuming after line 1501: 1500 persons already imported", output, StringComparison.Ordinal);
        Assert.Contains("imported 1500 persons, skipped 1500 duplicates", output, StringComparison.Ordinal);
        Assert.Equal(3000, Count("vault_persons"));
        Assert.Equal(6000, Count("vault_blind_indexes"));
        var (verified, verification, _) = await CustodianCli.RunAsync("audit", "verify", "--data", _data);
        Assert.Equal(0, verified);
        Assert.StartsWith("intact: 3000 events", verification, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicates_within_one_file_are_skipped_and_named_by_line_and_field()
    {
        var csv = Csv(
            Header,
            "Ana Torres,ana@example.com,+52 442 555 0101,1990-05-04",
            "Ana T.,ANA@Example.com,+52 442 555 0199,1990-05-04",
            "Luis Pérez,luis@example.com,+52 (442) 555-0101,1985-01-20",
            "Eva Ruiz,eva@example.com,+52 442 555 0103,1985-01-20");

        var (exit, output, error) = await CustodianCli.RunAsync("import", "--input", csv, "--data", _data);

        Assert.True(exit == 0, error);
        Assert.Contains("imported 2 persons, skipped 2 duplicates", output, StringComparison.Ordinal);
        Assert.Contains(":3: email: duplicate", error, StringComparison.Ordinal);
        Assert.Contains(":4: telephone: duplicate", error, StringComparison.Ordinal);
        Assert.DoesNotContain(":5:", error, StringComparison.Ordinal);
        Assert.Equal(2, Count("vault_persons"));
    }

    [Fact]
    public async Task On_duplicate_fail_imports_nothing_and_names_every_duplicate_line()
    {
        var (first, _, firstError) = await CustodianCli.RunAsync("import", "--input", Csv([Header, .. Persons(0, 2)]), "--data", _data);
        Assert.True(first == 0, firstError);
        var csv = Csv([Header, .. Persons(0, 1), .. Persons(10, 2), "Ana Torres,p10@example.com,+52 442 555 0101,1990-05-04"]);

        var (exit, output, error) = await CustodianCli.RunAsync("import", "--input", csv, "--data", _data, "--on-duplicate", "fail");

        Assert.Equal(1, exit);
        Assert.DoesNotContain("imported", output, StringComparison.Ordinal);
        Assert.Contains($"{Path.GetFileName(csv)}:2: email: duplicate", error, StringComparison.Ordinal);
        Assert.Contains($"{Path.GetFileName(csv)}:2: telephone: duplicate", error, StringComparison.Ordinal);
        Assert.Contains($"{Path.GetFileName(csv)}:5: email: duplicate", error, StringComparison.Ordinal);
        Assert.DoesNotContain(":3:", error, StringComparison.Ordinal);
        Assert.Contains("2 row(s) are already registered; nothing was imported.", error, StringComparison.Ordinal);
        Assert.Equal(2, Count("vault_persons"));
    }

    [Fact]
    public async Task An_unknown_on_duplicate_choice_is_a_usage_error()
    {
        var (exit, _, _) = await CustodianCli.RunAsync("import", "--input", Csv([Header, .. Persons(0, 1)]), "--data", _data, "--on-duplicate", "merge");

        Assert.Equal(2, exit);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }
}
