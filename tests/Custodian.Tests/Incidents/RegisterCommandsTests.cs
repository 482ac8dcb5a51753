using Custodian.Tests.Support;

namespace Custodian.Tests.Incidents;

/// <summary><c>custodian incidents open|status</c>: the register from a terminal, with the console's rules and nothing written on bad input.</summary>
public sealed class RegisterCommandsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "custodian-incidents-" + Guid.NewGuid().ToString("N"));

    private Task<(int Exit, string Output, string Error)> RunAsync(params string[] args) => CustodianCli.RunAsync([.. args, "--data", _folder]);

    private Task<(int Exit, string Output, string Error)> OpenAsync(string learned = "2026-11-20T10:00:00+09:00", string by = "officer", string cause = "unauthorized-access") =>
        RunAsync("incidents", "open", "--learned", learned, "--learned-by", by, "--summary", "A token was used from an unknown network", "--cause", cause,
            "--item", "email", "--how", "Access review finding");

    private async Task<string> ListAsync() => (await RunAsync("incidents", "list", "--all")).Output;

    [Fact]
    public async Task Open_registers_the_next_number_and_prints_its_deadlines()
    {
        await RunAsync("staff", "add", "--user", "officer", "--role", "privacy-officer");

        var (exit, output, error) = await OpenAsync();

        Assert.True(exit == 0, error);
        var nl = Environment.NewLine;
        // Learned 20 Nov (day one); a wrongful purpose gives 60 days: 18 Jan 2027, a Monday and no holiday.
        Assert.Equal($"Registered incident #1 (suspected, reportable).{nl}preliminary 2026-11-24{nl}final 2027-01-18{nl}", output);
        Assert.Contains("#1 ", await ListAsync(), StringComparison.Ordinal);
        Assert.StartsWith("Registered incident #2 ", (await OpenAsync(cause: "error")).Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-20T10:00:00+09:00", "nobody", "--learned-by:")]
    [InlineData("2099-01-01T00:00:00Z", "officer", "--learned:")]
    public async Task A_refused_registration_exits_1_naming_the_option_and_writes_nothing(string learned, string by, string option)
    {
        await RunAsync("staff", "add", "--user", "officer", "--role", "privacy-officer");

        var (exit, output, error) = await OpenAsync(learned, by);

        Assert.Equal((1, ""), (exit, output));
        Assert.StartsWith(option, error, StringComparison.Ordinal);
        Assert.Equal("", await ListAsync());
    }

    [Fact]
    public async Task A_cause_outside_the_list_is_a_usage_error()
    {
        var (exit, _, error) = await OpenAsync(cause: "burglary");

        Assert.Equal(2, exit);
        Assert.StartsWith("--cause:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closing_with_a_report_due_is_refused_and_the_incident_stays_open()
    {
        await RunAsync("staff", "add", "--user", "officer", "--role", "privacy-officer");
        await OpenAsync();

        var confirmed = await RunAsync("incidents", "status", "--number", "1", "--status", "confirmed");
        var closed = await RunAsync("incidents", "status", "--number", "1", "--status", "closed");
        var unknown = await RunAsync("incidents", "status", "--number", "7", "--status", "closed");

        Assert.Equal((0, $"Incident #1 is now confirmed.{Environment.NewLine}"), (confirmed.Exit, confirmed.Output));
        Assert.Equal(1, closed.Exit);
        Assert.StartsWith("--status:", closed.Error, StringComparison.Ordinal);
        Assert.Contains("incident.report-due", closed.Error, StringComparison.Ordinal);
        Assert.Contains(" confirmed ", await ListAsync(), StringComparison.Ordinal);
        Assert.Equal(1, unknown.Exit);
        Assert.StartsWith("--number:", unknown.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
