using System.CommandLine;
using Custodian.Cli.Incidents;
using Custodian.Tests.Support;

namespace Custodian.Tests.Incidents;

/// <summary><c>custodian incidents deadlines</c>: two lines on success, one clear line and exit 2 on bad input.</summary>
public sealed class IncidentCommandsTests
{
    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var root = new RootCommand { IncidentCommands.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public void Deadlines_prints_the_preliminary_and_final_dates()
    {
        var (exitCode, output, error) = Run("incidents", "deadlines", "--learned", "2026-11-30", "--cause", "error");

        var nl = Environment.NewLine;
        Assert.Equal((0, $"preliminary 2026-12-04{nl}final 2027-01-04{nl}", ""), (exitCode, output, error));
    }

    [Theory]
    [InlineData("2026-13-01", "error", "--learned")]
    [InlineData("2026-12-07", "hacked", "--cause")]
    public void Bad_input_exits_2_naming_the_option(string learned, string cause, string option)
    {
        var (exitCode, output, error) = Run("incidents", "deadlines", "--learned", learned, "--cause", cause);

        Assert.Equal((2, ""), (exitCode, output));
        Assert.StartsWith(option + ":", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_incident_without_a_learning_date_or_with_a_cause_outside_the_list_exits_2_naming_the_option()
    {
        var (noDate, _, noDateError) = await CustodianCli.RunAsync("incidents", "deadlines", "--cause", "error");
        var (badCause, _, badCauseError) = await CustodianCli.RunAsync("incidents", "deadlines", "--learned", "2026-12-07", "--cause", "burglary");

        Assert.Equal((2, 2), (noDate, badCause));
        Assert.Contains("--learned", noDateError, StringComparison.Ordinal);
        Assert.StartsWith("--cause:", badCauseError, StringComparison.Ordinal);
    }
}
