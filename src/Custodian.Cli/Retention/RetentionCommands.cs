using System.CommandLine;
using System.Globalization;
using Custodian.Gate;
using Custodian.Retention;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Cli.Retention;

/// <summary><c>custodian retention run [--dry-run]</c> and <c>custodian retention due</c>: the policy's retention schedule applied.</summary>
internal static class RetentionCommands
{
    public static Command Create()
    {
        var command = new Command("retention", "The retention schedule of the policy files: dispose of what has expired.");
        command.Subcommands.Add(RunCommand());
        command.Subcommands.Add(DueCommand());
        return command;
    }

    private static Command RunCommand()
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Count what would be disposed of, per rule, and change nothing." };
        var command = new Command("run", "Dispose of the records every retention rule has expired (persons erased through the vault, audit events pruned behind a signed start), and write the disposal records.")
        {
            dryRun, CliOutput.DataOption,
        };
        command.SetAction(async (parsed, ct) =>
        {
            await using var host = await CliHost.OpenAsync(parsed, ct);
            var run = host.Services.GetRequiredService<DisposalRun>();
            var dry = parsed.GetValue(dryRun);
            var report = await Progress.RunAsync(dry ? "Counting expired records" : "Disposing of expired records", async progress =>
            {
                var done = 0L;
                return await run.RunAsync(Actor.System, dry, new SyncProgress(line => progress.Report(++done)), ct);
            }, total: run.Rules.Count);
            var output = parsed.Out();
            foreach (var line in report.Lines)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{line.Rule.KindId,-18} {line.Rule.PolicyId,-24} keep {line.Rule.Rule.Keep,-10} before {line.Before:yyyy-MM-dd}  {(dry ? "would dispose of" : "disposed of")} {line.Count}"));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(dry ? "dry run: would dispose of" : "disposed of")} {report.Total} records"));
            return CliOutput.Ok;
        });
        return command;
    }

    private static Command DueCommand()
    {
        var days = new Option<int>("--days") { Description = "Look this many days ahead (1 to 366).", DefaultValueFactory = _ => 30 };
        var command = new Command("due", "Per rule: what has expired now and what falls due within the coming days.")
        {
            days, CliOutput.DataOption,
        };
        command.SetAction(async (parsed, ct) =>
        {
            var ahead = parsed.GetValue(days);
            if (ahead is < 1 or > 366)
            {
                parsed.Error().WriteLine("--days: look 1 to 366 days ahead.");
                return CliOutput.Usage;
            }

            await using var host = await CliHost.OpenAsync(parsed, ct);
            foreach (var line in await host.Services.GetRequiredService<DisposalRun>().DueAsync(ahead, ct))
            {
                parsed.Out().WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{line.Rule.KindId,-18} {line.Rule.PolicyId,-24} keep {line.Rule.Rule.Keep,-10} due now {line.DueNow}  within {ahead} days {line.DueWithin}"));
            }

            return CliOutput.Ok;
        });
        return command;
    }

    /// <summary>Reports on the caller's thread: <see cref="Progress{T}"/> would post to the thread pool, after the run has ended.</summary>
    private sealed class SyncProgress(Action<DisposalLine> report) : IProgress<DisposalLine>
    {
        public void Report(DisposalLine value) => report(value);
    }
}
