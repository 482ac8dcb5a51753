using System.CommandLine;
using Custodian.Gate;
using Custodian.Policy.Changes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Cli.Policy;

/// <summary>
/// <c>custodian policy notify-change --policy ID --version V --list FILE</c>: tells every person under an earlier version
/// of the policy that version V exists, by e-mail where an address is held, otherwise on the CSV list for the operator.
/// </summary>
internal static class NotifyChangeCommand
{
    public static Command Create()
    {
        var policy = new Option<string>("--policy") { Description = "Id of the policy (e.g. leverages-career-mexico)", Required = true };
        var version = new Option<string>("--version") { Description = "The new version persons are told of", Required = true };
        var list = new Option<FileInfo>("--list") { Description = "CSV file for the persons with no e-mail address, to tell by other means (holds names and addresses)", Required = true };
        var command = new Command("notify-change", "Tell the persons under an earlier version of a policy of its new version; nobody is told twice")
        {
            policy, version, list, CliOutput.DataOption,
        };
        command.SetAction(async (parsed, ct) =>
        {
            await using var cli = await CliHost.OpenAsync(parsed, ct);
            return await RunAsync(cli.Services, parsed.GetValue(policy), parsed.GetValue(version), parsed.GetValue(list)!, parsed.Out(), parsed.Error(), ct);
        });
        return command;
    }

    internal static async Task<int> RunAsync(
        IServiceProvider services, string? policyId, string? version, FileInfo list, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (list.Directory is { Exists: false })
        {
            await error.WriteLineAsync($"--list: the folder {list.DirectoryName} does not exist (policy.list-folder)");
            return CliOutput.Usage;
        }

        // The list is written beside its target and moved into place only once the record is committed: a failed run leaves no list.
        var partial = list.FullName + ".partial";
        var notices = services.GetRequiredService<PolicyChangeNotices>();
        try
        {
            var run = await Progress.RunAsync("Telling persons", progress => notices.NotifyAsync(Actor.System, policyId, version, async (entries, ct) =>
            {
                await using var file = new StreamWriter(partial, append: false, new System.Text.UTF8Encoding(false));
                await ChangeListCsv.WriteAsync(entries, file, ct);
            }, new Progress<int>(done => progress.Report(done)), cancellationToken));
            if (run.Failure is { } failure)
            {
                await error.WriteLineAsync($"--{failure.Field ?? "policy"}: {failure.Detail} ({failure.Code})");
                return failure.Kind == Custodian.Common.FailureKind.Invalid ? CliOutput.Usage : CliOutput.Failed;
            }

            var done = run.Value!;
            if (done.Listed > 0)
            {
                File.Move(partial, list.FullName, overwrite: true);
            }

            var refused = done.Unreachable.Count == 0 ? "" : "; not reachable: " + string.Join(", ", done.Unreachable.Select(u => $"{u.Key} {u.Value}"));
            await output.WriteLineAsync($"{done.Mailed} e-mailed, {done.Listed} on the list{(done.Listed > 0 ? $" ({list.Name})" : "")}, {done.AlreadyTold} told before{refused}");
            return CliOutput.Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DbUpdateException)
        {
            await error.WriteLineAsync($"notify-change failed, nobody was recorded as told: {e.GetType().Name}");
            return CliOutput.Failed;
        }
        finally
        {
            File.Delete(partial);
        }
    }
}
