using Custodian.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Custodian.Tests.Requests;

public sealed class RequestCommandTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("custodian-requests-cli-").FullName;

    [Fact]
    public async Task Requests_due_on_an_empty_database_prints_zero_figures()
    {
        var (exit, output, error) = await CustodianCli.RunAsync("requests", "due", "--on", "2026-12-18", "--data", _data);

        Assert.True(exit == 0, error);
        Assert.StartsWith("today 2026-12-18  open 0", output, StringComparison.Ordinal);
        Assert.Contains("overdue 0", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2100-01-01", "calendar-range")]
    [InlineData("1979-12-31", "calendar-range")]
    [InlineData("18/12/2026", "date.format")]
    public async Task Requests_due_outside_the_calendars_or_badly_written_exits_1_naming_the_rule(string on, string rule)
    {
        var (exit, output, error) = await CustodianCli.RunAsync("requests", "due", "--on", on, "--data", _data);

        Assert.Equal(1, exit);
        Assert.StartsWith("--on:", error, StringComparison.Ordinal);
        Assert.Contains(rule, error, StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    [Fact]
    public async Task Requests_remind_on_an_empty_database_sends_nothing()
    {
        var (exit, output, error) = await CustodianCli.RunAsync("requests", "remind", "--on", "2026-12-18", "--data", _data);

        Assert.True(exit == 0, error);
        Assert.Equal("sent 0", output.Trim());
    }

    [Theory]
    [InlineData("2100-01-01", "calendar-range")]
    [InlineData("2026-13-01", "date.format")]
    public async Task Requests_remind_on_a_bad_date_exits_1_naming_the_rule(string on, string rule)
    {
        var (exit, _, error) = await CustodianCli.RunAsync("requests", "remind", "--on", on, "--data", _data);

        Assert.Equal(1, exit);
        Assert.StartsWith("--on:", error, StringComparison.Ordinal);
        Assert.Contains(rule, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_forms_on_an_empty_database_succeeds()
    {
        var (exit, _, error) = await CustodianCli.RunAsync("dispose-forms", "--data", _data);
        Assert.Equal(2, exit);

        (exit, _, error) = await CustodianCli.RunAsync("requests", "dispose-forms", "--data", _data);
        Assert.True(exit == 0, error);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }
}
