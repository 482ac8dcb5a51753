using System.CommandLine;
using Custodian.Cli.Calendars;

namespace Custodian.Tests.Calendars;

public class CalendarCommandsTests
{
    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var root = new RootCommand { CalendarCommands.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("mx", "2026-12-18T16:30:00-06:00", "14", "2027-01-14")]
    [InlineData("jp", "2026-04-28T10:00:00+09:00", "5", "2026-05-11")]
    [InlineData("jp", "2026-01-08T15:30:00Z", "1", "2026-01-13")]
    [InlineData("jp", "2026-01-08T15:30Z", "1", "2026-01-13")]
    public void Due_prints_the_due_date(string calendar, string received, string days, string expected)
    {
        var (exitCode, output, error) = Run("calendar", "due", "--calendar", calendar, "--received", received, "--business-days", days);
        Assert.Equal((0, expected + Environment.NewLine, ""), (exitCode, output, error));
    }

    [Fact]
    public void Due_honours_company_holidays_given_on_the_command_line()
    {
        var (exitCode, output, _) = Run("calendar", "due", "--calendar", "jp", "--received", "2026-08-12T12:00:00+09:00",
            "--business-days", "1", "--company-holiday", "2026-08-13", "--company-holiday", "2026-08-14");
        Assert.Equal((0, "2026-08-17" + Environment.NewLine), (exitCode, output));
    }

    [Fact]
    public void Holidays_lists_the_days_off_with_their_names()
    {
        var (exitCode, output, _) = Run("calendar", "holidays", "--calendar", "jp", "--year", "2026");
        var lines = output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(0, exitCode);
        Assert.Contains("2026-09-22 Tue Citizens' Holiday", lines);
        Assert.Contains("2026-12-29 Tue New-Year Holidays", lines);
        Assert.Equal("2026-01-01 Thu New Year's Day", lines[0]);
        Assert.Equal(23, lines.Length);
    }

    [Theory]
    [InlineData("--calendar", "us", "--received", "2026-12-18T16:30:00-06:00", "--business-days", "14", "'us'")]
    [InlineData("--calendar", "mx", "--received", "2026-12-18 16:30", "--business-days", "14", "--received")]
    [InlineData("--calendar", "mx", "--received", "2026-12-18T16:30:00", "--business-days", "14", "with an offset")]
    [InlineData("--calendar", "mx", "--received", "2026-02-30T16:30:00-06:00", "--business-days", "14", "--received")]
    [InlineData("--calendar", "mx", "--received", "2026-12-18T16:30:00-06:00", "--business-days", "0", "at least 1")]
    [InlineData("--calendar", "mx", "--received", "2026-12-18T16:30:00-06:00", "--business-days", "-2", "at least 1")]
    [InlineData("--calendar", "mx", "--received", "2026-12-18T16:30:00-06:00", "--business-days", "many", "--business-days")]
    [InlineData("--calendar", "mx", "--received", "2026-12-18T16:30:00-06:00", "--business-days", "1.5", "--business-days")]
    public void Due_refuses_bad_input_with_a_message_naming_it(string o1, string v1, string o2, string v2, string o3, string v3, string expected)
    {
        var (exitCode, output, error) = Run("calendar", "due", o1, v1, o2, v2, o3, v3);
        Assert.NotEqual(0, exitCode);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"^\d{4}-\d{2}-\d{2}\s*$", output);
    }

    [Theory]
    [InlineData("1979-12-31T23:00:00-06:00", "14", "--received")]
    [InlineData("2099-12-28T10:00:00-06:00", "3", "--business-days")]
    public void Due_outside_1980_to_2099_fails_with_exit_code_1(string received, string days, string field)
    {
        var (exitCode, output, error) = Run("calendar", "due", "--calendar", "mx", "--received", received, "--business-days", days);
        Assert.Equal((1, ""), (exitCode, output));
        Assert.StartsWith(field + ": ", error, StringComparison.Ordinal);
        Assert.Contains("calendar-range", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1979")]
    [InlineData("2100")]
    public void Holidays_outside_1980_to_2099_fail_with_exit_code_1(string year)
    {
        var (exitCode, _, error) = Run("calendar", "holidays", "--calendar", "mx", "--year", year);
        Assert.Equal(1, exitCode);
        Assert.StartsWith("--year: ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2100-01-05")]
    [InlineData("24/12/2026")]
    public void Holidays_refuses_a_bad_company_holiday(string day)
    {
        var (exitCode, _, error) = Run("calendar", "holidays", "--calendar", "mx", "--year", "2026", "--company-holiday", day);
        Assert.Equal(1, exitCode);
        Assert.StartsWith("--company-holiday: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_describes_the_options()
    {
        var (exitCode, output, _) = Run("calendar", "due", "--help");
        Assert.Equal(0, exitCode);
        Assert.Contains("--business-days", output, StringComparison.Ordinal);
        Assert.Contains("--received", output, StringComparison.Ordinal);
    }
}
