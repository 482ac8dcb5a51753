using System.CommandLine;
using System.Globalization;
using Custodian.Audit;
using Custodian.Calendars;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Requests;
using Custodian.Storage;
using Custodian.Vault.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Custodian.Cli.Requests;

/// <summary><c>custodian requests due|remind|dispose-forms</c>: the dashboard's figures, the reminders, and the disposal of request forms.</summary>
internal static class RequestCommands
{
    public static Command Create()
    {
        var command = new Command("requests", "Requests from people: deadlines and disposal of request forms.");
        command.Subcommands.Add(DueCommand());
        command.Subcommands.Add(RemindCommand());
        command.Subcommands.Add(DisposeFormsCommand());
        return command;
    }

    private static Command DueCommand()
    {
        var on = new Option<string?>("--on") { Description = "Count as of this date (YYYY-MM-DD, 1980–2099); default today in each policy's calendar." };
        var command = new Command("due", "Open requests: clock running, waiting for the person, due within 5 business days, at risk, overdue; then the most urgent.")
        {
            on, CliOutput.DataOption,
        };
        command.SetAction(async (parsed, ct) =>
        {
            if (!TryParseOn(parsed, on, out var asOf))
            {
                return CliOutput.Failed;
            }

            await using var host = await CliHost.OpenAsync(parsed, ct);
            var figures = await Queries(host.Services).DueAsync(asOf, 20, ct);
            if (figures.Failure is { } failure)
            {
                parsed.Error().WriteLine($"--on: {failure.Detail} ({failure.Code})");
                return CliOutput.Failed;
            }

            var f = figures.Value!;
            var output = parsed.Out();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"today {f.Today:yyyy-MM-dd}  open {f.Open}  running {f.Running}  paused {f.Paused}  due-within-5 {f.DueWithinFive}  at-risk {f.AtRisk}  overdue {f.Overdue}  reminders-today {f.RemindersToday}"));
            foreach (var row in f.Urgent)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.DueOn:yyyy-MM-dd}  {row.Reference}  {row.Type}  {RequestRecords.Name(row.State)}"));
            }

            return CliOutput.Ok;
        });
        return command;
    }

    private static Command RemindCommand()
    {
        var on = new Option<string?>("--on") { Description = "Send as of this date (YYYY-MM-DD, 1980–2099); default today in each policy's calendar." };
        var command = new Command("remind", "Send the reminders that have fallen due (Requests:ReminderBusinessDays before a due date) and not been sent; for cron when the server's own schedule is off.")
        {
            on, CliOutput.DataOption,
        };
        command.SetAction(async (parsed, ct) =>
        {
            if (!TryParseOn(parsed, on, out var asOf))
            {
                return CliOutput.Failed;
            }

            await using var host = await CliHost.OpenAsync(parsed, ct);
            var sp = host.Services;
            var reminders = new RequestReminders(sp.GetRequiredService<IDbContextFactory<CustodianDb>>(), Records(sp), sp.GetRequiredService<PolicyStore>(),
                sp.GetRequiredService<AuditLog>(), Options(sp), sp.GetRequiredService<ILogger<RequestReminders>>());
            var sent = await reminders.SendAsync(asOf, ct);
            if (sent.Failure is { } failure)
            {
                parsed.Error().WriteLine($"--on: {failure.Detail} ({failure.Code})");
                return CliOutput.Failed;
            }

            var output = parsed.Out();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sent {sent.Value!.Count}"));
            foreach (var r in sent.Value)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.DueOn:yyyy-MM-dd}  {r.Reference}  {r.Type}  {r.BusinessDaysBefore} business days left"));
            }

            return CliOutput.Ok;
        });
        return command;
    }

    private static bool TryParseOn(ParseResult parsed, Option<string?> on, out DateOnly? asOf)
    {
        var day = Days.ParseOptional(parsed.GetValue(on), "on");
        asOf = day.Value;
        if (day.Failure is { } failure)
        {
            parsed.Error().WriteLine($"--on: {failure.Detail} ({failure.Code})");
            return false;
        }

        return true;
    }

    private static Command DisposeFormsCommand()
    {
        var command = new Command("dispose-forms", "Dispose of the Disclosure Request Forms of requests closed longer ago than Requests:FormRetentionDays.")
        {
            CliOutput.DataOption,
        };
        command.SetAction(async (parsed, ct) =>
        {
            await using var host = await CliHost.OpenAsync(parsed, ct);
            var sp = host.Services;
            var workflow = new RequestWorkflow(sp.GetRequiredService<IDbContextFactory<CustodianDb>>(), Records(sp), Crypto(sp), sp.GetRequiredService<AuditLog>(), Options(sp));
            var disposed = await workflow.DisposeFormsAsync(Actor.System, ct);
            parsed.Out().WriteLine(string.Create(CultureInfo.InvariantCulture, $"disposed {disposed}"));
            return CliOutput.Ok;
        });
        return command;
    }

    // The command host carries the core modules only; the request services are put together here from the same configuration.
    private static RequestQueries Queries(IServiceProvider sp) =>
        new(sp.GetRequiredService<IDbContextFactory<CustodianDb>>(), Records(sp), Crypto(sp), sp.GetRequiredService<PolicyStore>(), Options(sp),
            new StatusSecretGuard(sp.GetRequiredService<AddressCounts>(), sp.GetRequiredService<TimeProvider>()), sp.GetRequiredService<AuditLog>());

    private static RequestRecords Records(IServiceProvider sp)
    {
        var calendars = new CalendarsOptions();
        sp.GetRequiredService<IConfiguration>().GetSection(CalendarsOptions.Section).Bind(calendars);
        return new RequestRecords(sp.GetRequiredService<PolicyStore>(), new BusinessCalendars(calendars), sp.GetRequiredService<TimeProvider>());
    }

    private static RequestCrypto Crypto(IServiceProvider sp) => new(sp.GetRequiredService<IKeyProvider>());

    private static IOptions<RequestsOptions> Options(IServiceProvider sp)
    {
        var options = new RequestsOptions();
        sp.GetRequiredService<IConfiguration>().GetSection(RequestsOptions.Section).Bind(options);
        return Microsoft.Extensions.Options.Options.Create(options);
    }
}
