using Custodian.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Custodian.Tests.Audit;

public sealed class AuditVerifyCommandTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("custodian-cli-").FullName;

    private async Task ImportAsync(int persons)
    {
        var csv = Path.Combine(_data, "persons.csv");
        await File.WriteAllLinesAsync(csv, ["name,email,telephone,date-of-birth", .. Enumerable.Range(0, persons).Select(i => $"Person {i},p{i}@example.com,+52 442 000 {i:0000},1990-01-0{1 + i % 9}")], TestContext.Current.CancellationToken);
        var (exit, _, error) = await CustodianCli.RunAsync("import", "--input", csv, "--data", _data);
        Assert.True(exit == 0, error);
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "custodian.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public async Task Verify_on_an_intact_log_exits_0_with_the_count_and_head_hash()
    {
        await ImportAsync(5);

        var (exit, output, _) = await CustodianCli.RunAsync("audit", "verify", "--data", _data);

        Assert.Equal(0, exit);
        Assert.Matches(@"^intact: 5 events, head [0-9a-f]{64}\s*$", output);
    }

    [Theory]
    [InlineData("UPDATE audit_events SET \"Actor\" = 'staff:someone-else' WHERE \"Seq\" = 3", 3)]
    [InlineData("DELETE FROM audit_events WHERE \"Seq\" = 2", 3)]
    [InlineData("UPDATE audit_events SET \"Seq\" = -1 WHERE \"Seq\" = 2; UPDATE audit_events SET \"Seq\" = 2 WHERE \"Seq\" = 4; UPDATE audit_events SET \"Seq\" = 4 WHERE \"Seq\" = -1", 2)]
    public async Task Verify_after_tampering_exits_1_naming_the_first_bad_event(string tampering, int firstBad)
    {
        await ImportAsync(5);
        Execute(tampering);

        var (exit, _, error) = await CustodianCli.RunAsync("audit", "verify", "--data", _data);

        Assert.Equal(1, exit);
        Assert.StartsWith($"broken at event {firstBad}:", error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }
}
