using System.CommandLine;
using Custodian.Gate;
using Custodian.Incidents.Affected;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Cli.Incidents;

/// <summary>
/// <c>custodian incidents affected --actor ID --from ISO --to ISO [--output FILE]</c>: the persons whose data an actor
/// used in a window, from the audit chain, as CSV.
/// </summary>
internal static class AffectedCommand
{
    public static Command Create()
    {
        var actor = new Option<string>("--actor") { Description = "staff:ID, token:ID, consignee:ID or company:ID (every account of the company)", Required = true };
        var from = new Option<string>("--from") { Description = "Start of the window, inclusive (ISO 8601: 2026-11-01, or 2026-11-01T09:00:00+09:00; no offset means UTC)", Required = true };
        var to = new Option<string>("--to") { Description = "End of the window, exclusive (ISO 8601)", Required = true };
        var output = new Option<FileInfo?>("--output") { Description = "Write the CSV to this file instead of standard output" };
        var affected = new Command("affected", "List the persons whose data an actor used in a window, with the items, first and last use and event count, as CSV")
        {
            actor, from, to, output, CliOutput.DataOption,
        };
        affected.SetAction(async (parsed, ct) =>
        {
            await using var cli = await CliHost.OpenAsync(parsed, ct);
            return await RunAsync(cli.Services, parsed.GetValue(actor), parsed.GetValue(from), parsed.GetValue(to), parsed.GetValue(output), parsed.Out(), parsed.Error(), ct);
        });
        return affected;
    }

    internal static async Task<int> RunAsync(
        IServiceProvider services, string? actor, string? from, string? to, FileInfo? output, TextWriter standardOutput, TextWriter error, CancellationToken cancellationToken)
    {
        var list = await ActivatorUtilities.GetServiceOrCreateInstance<AffectedPersons>(services).FindAsync(Actor.System, actor, from, to, cancellationToken);
        if (list.Failure is { } failure)
        {
            // Every failure here is the caller's input: a malformed or unknown actor, a malformed or inverted window.
            await error.WriteLineAsync($"--{failure.Field}: {failure.Detail} ({failure.Code})");
            return CliOutput.Usage;
        }

        if (output is null)
        {
            await AffectedCsv.WriteAsync(list.Value!, standardOutput, cancellationToken);
            return CliOutput.Ok;
        }

        // Written beside the target and moved into place: a failed run leaves no half-written list.
        var partial = output.FullName + ".partial";
        await using (var file = new StreamWriter(partial, append: false, new System.Text.UTF8Encoding(false)))
        {
            await AffectedCsv.WriteAsync(list.Value!, file, cancellationToken);
        }

        File.Move(partial, output.FullName, overwrite: true);
        await error.WriteLineAsync($"{list.Value!.Persons.Count} persons written to {output.Name}");
        return CliOutput.Ok;
    }
}
