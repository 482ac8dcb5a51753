using System.CommandLine;
using System.Globalization;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Incidents;
using Custodian.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Cli.Incidents;

/// <summary>
/// <c>custodian incidents open|status</c>: the register from a terminal, for the day the console cannot be reached. Both
/// go through the same <see cref="IncidentRegister"/> as the console and the API, so the rules and the audit are theirs.
/// </summary>
internal static class RegisterCommands
{
    public static Command Open()
    {
        var learned = new Option<DateTimeOffset>("--learned") { Description = "When the leak was learned of (ISO 8601 date and time, with its offset).", Required = true };
        var by = new Option<string>("--learned-by") { Description = "The staff account (user name) who learned of it.", Required = true };
        var summary = new Option<string>("--summary") { Description = "What happened (no personal data: persons are linked, not named).", Required = true };
        var cause = new Option<string>("--cause") { Description = $"The cause: {string.Join("|", IncidentCauses.CauseNames)}.", Required = true };
        var how = new Option<string?>("--how") { Description = "How it was learned of." };
        var items = new Option<string[]>("--item") { Description = "A data item involved (the policy's item id); repeat for each.", AllowMultipleArgumentsPerToken = false };
        var policies = new Option<string[]>("--policy") { Description = "A policy concerned (its id); repeat for each." };
        var containment = new Option<string?>("--containment") { Description = "Containment taken so far." };
        var command = new Command("open", "Register a suspected leak: it gets the next number, its report deadlines and a timeline")
        {
            learned, by, summary, cause, how, items, policies, containment, CliOutput.DataOption,
        };
        command.SetAction(async (parsed, ct) =>
        {
            if (!IncidentCauses.TryParse(parsed.GetValue(cause), out _))
            {
                parsed.Error().WriteLine($"--cause: '{parsed.GetValue(cause)}' is not a cause; one of {string.Join(", ", IncidentCauses.CauseNames)}.");
                return CliOutput.Usage;
            }

            await using var host = await CliHost.OpenAsync(parsed, ct);
            var learner = await host.Services.GetRequiredService<StaffLifecycle>().FindAsync(parsed.GetValue(by)!, ct);
            if (learner.Failure is { } unknown)
            {
                parsed.Error().WriteLine($"--learned-by: {unknown.Detail} ({unknown.Code})");
                return CliOutput.Failed;
            }

            var input = new IncidentInput(
                parsed.GetValue(learned), parsed.GetValue(how), learner.Value!.Id, parsed.GetValue(summary), parsed.GetValue(cause),
                NullIfEmpty(parsed.GetValue(policies)), NullIfEmpty(parsed.GetValue(items)), parsed.GetValue(containment));
            var registered = await host.Services.GetRequiredService<IncidentRegister>().RegisterAsync(Actor.System, input, cancellationToken: ct);
            if (registered.Failure is { } failure)
            {
                return Fail(parsed, failure);
            }

            var view = registered.Value!;
            parsed.Out().WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Registered incident #{view.Incident.Number} ({view.Incident.Status.Name()}, {Kebab.ToKebab(view.Assessment.Decision)})."));
            if (view.Assessment.DeadlinesApply)
            {
                parsed.Out().WriteLine($"preliminary {Iso(view.Deadlines.Preliminary)}");
                parsed.Out().WriteLine($"final {Iso(view.Deadlines.Final)}");
            }

            return CliOutput.Ok;
        });
        return command;
    }

    public static Command Status()
    {
        var number = new Option<int>("--number") { Description = "The incident's number (#N in `incidents list`).", Required = true };
        var status = new Option<string>("--status") { Description = $"The new status: {string.Join("|", IncidentCauses.StatusNames)}.", Required = true };
        var command = new Command("status", "Move an incident on (confirmed, reported, closed); closing is refused while a report is due")
        {
            number, status, CliOutput.DataOption,
        };
        command.SetAction(async (parsed, ct) =>
        {
            if (!IncidentCauses.TryParseStatus(parsed.GetValue(status), out _))
            {
                parsed.Error().WriteLine($"--status: '{parsed.GetValue(status)}' is not a status; one of {string.Join(", ", IncidentCauses.StatusNames)}.");
                return CliOutput.Usage;
            }

            await using var host = await CliHost.OpenAsync(parsed, ct);
            var register = host.Services.GetRequiredService<IncidentRegister>();
            if (await register.FindAsync(parsed.GetValue(number).ToString(CultureInfo.InvariantCulture), ct) is not { } id)
            {
                parsed.Error().WriteLine($"--number: no incident has the number {parsed.GetValue(number)} (incident.unknown)");
                return CliOutput.Failed;
            }

            var changed = await register.SetStatusAsync(Actor.System, id, parsed.GetValue(status), ct);
            if (changed.Failure is { } failure)
            {
                return Fail(parsed, failure);
            }

            parsed.Out().WriteLine($"Incident #{changed.Value!.Incident.Number} is now {changed.Value.Incident.Status.Name()}.");
            return CliOutput.Ok;
        });
        return command;
    }

    private static IReadOnlyList<string>? NullIfEmpty(string[]? values) => values is { Length: > 0 } ? values : null;

    /// <summary>Every broken rule on its own line, named by the option that carries the field.</summary>
    private static int Fail(ParseResult parsed, Failure failure)
    {
        var errors = failure.Errors ?? new Dictionary<string, string[]> { [failure.Field ?? "number"] = [failure.Detail] };
        foreach (var (field, messages) in errors)
        {
            parsed.Error().WriteLine($"{Option(field)}: {string.Join(" ", messages)} ({failure.Code})");
        }

        return CliOutput.Failed;
    }

    private static string Option(string field) => field switch
    {
        "learnedAt" => "--learned",
        "learnedBy" => "--learned-by",
        "learnedHow" => "--how",
        "items" => "--item",
        "policies" => "--policy",
        _ => "--" + field,
    };

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
