using System.CommandLine;
using System.Globalization;
using Custodian.Incidents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Custodian.Cli.Incidents;

/// <summary><c>custodian incidents deadlines|list|open|status|affected|report</c>: the PPC report dates, the register, who is affected and the report drafts.</summary>
internal static class IncidentCommands
{
    public static Command Create()
    {
        var command = new Command("incidents", "Leak incidents: report deadlines to the PPC, the register of incidents, who is affected and the report drafts.");
        command.Subcommands.Add(DeadlinesCommand());
        command.Subcommands.Add(ListCommand());
        command.Subcommands.Add(RegisterCommands.Open());
        command.Subcommands.Add(RegisterCommands.Status());
        command.Subcommands.Add(AffectedCommand.Create());
        command.Subcommands.Add(ReportCommand.Create());
        return command;
    }

    private static Command DeadlinesCommand()
    {
        var learned = new Option<string>("--learned") { Description = "The date the leak was learned of (YYYY-MM-DD, Japan).", Required = true };
        var cause = new Option<string>("--cause") { Description = $"The cause: {string.Join("|", IncidentCauses.CauseNames)}.", Required = true };
        var command = new Command("deadlines", "Print the preliminary and final report dates, counted as Incidents:Deadlines says (by default the PPC guideline's rule).")
        {
            learned, cause,
        };
        command.SetAction(parsed =>
        {
            if (!DateOnly.TryParseExact(parsed.GetValue(learned), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                parsed.Error().WriteLine($"--learned: '{parsed.GetValue(learned)}' is not a date as YYYY-MM-DD.");
                return CliOutput.Usage;
            }

            if (!IncidentCauses.TryParse(parsed.GetValue(cause), out var c))
            {
                parsed.Error().WriteLine($"--cause: '{parsed.GetValue(cause)}' is not a cause; one of {string.Join(", ", IncidentCauses.CauseNames)}.");
                return CliOutput.Usage;
            }

            // Only the configuration is read, from the sources the server reads: no database or policy is opened for a date.
            var configuration = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] }).Configuration;
            var counting = configuration.GetSection(IncidentsOptions.Section + ":Deadlines").Get<DeadlineCounting>() ?? new DeadlineCounting();
            if (counting.Problems().FirstOrDefault() is { } problem)
            {
                parsed.Error().WriteLine(problem);
                return CliOutput.Failed;
            }

            var dates = new ReportDeadlines(counting).For(day, c);
            parsed.Out().WriteLine($"preliminary {Iso(dates.Preliminary)}");
            parsed.Out().WriteLine($"final {Iso(dates.Final)}");
            return CliOutput.Ok;
        });
        return command;
    }

    private static Command ListCommand()
    {
        var all = new Option<bool>("--all") { Description = "Closed incidents too." };
        var command = new Command("list", "The register's open incidents, newest first, with their assessment and open report deadlines.")
        {
            all, CliOutput.DataOption,
        };
        command.SetAction(async (parsed, ct) =>
        {
            await using var host = await CliHost.OpenAsync(parsed, ct);
            var today = ReportDeadlines.LearnedOn(host.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
            foreach (var view in await host.Services.GetRequiredService<IncidentRegister>().ListAsync(parsed.GetValue(all), 500, ct))
            {
                var i = view.Incident;
                var open = string.Join(", ", IncidentDeadlines.Of(view, today).Select(d => $"{Kebab.ToKebab(d.Report)} {Iso(d.Due)}{(d.Overdue ? " OVERDUE" : "")}"));
                parsed.Out().WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"#{i.Number,-5} {i.Status.Name(),-21} {i.Cause.Name(),-20} learned {ReportDeadlines.LearnedOn(i.LearnedAt):yyyy-MM-dd}  {Kebab.ToKebab(view.Assessment.Decision),-15} {open}"));
            }

            return CliOutput.Ok;
        });
        return command;
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
