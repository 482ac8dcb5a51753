using System.CommandLine;
using Custodian.Backup;
using Custodian.Common;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Cli.Backup;

/// <summary><c>custodian backup create|restore</c>: see docs/operations.md for what to keep where.</summary>
internal static class BackupCommands
{
    public static Command Create()
    {
        var output = new Option<FileInfo>("--output") { Description = "Backup file to write (it must not exist yet)", Required = true };
        var create = new Command("create", "Take a consistent backup of the configured database while the server keeps running");
        create.Options.Add(output);
        create.Options.Add(CliOutput.DataOption);
        create.SetAction(async (result, ct) =>
        {
            await using var host = await CliHost.OpenAsync(result, ct);
            var file = result.GetValue(output)!;
            var made = await Progress.RunAsync("Backing up", _ => host.Services.GetRequiredService<BackupCreator>().CreateAsync(file.FullName, ct));
            if (!made.Succeeded)
            {
                return await FailAsync(result, made.Failure!);
            }

            var manifest = made.Value!;
            await result.Out().WriteLineAsync(
                $"backed up the {manifest.Provider} database of installation {manifest.Installation} (schema {manifest.Schema}, audit chain to event {manifest.HeadSeq}) to {file.FullName}, {new FileInfo(file.FullName).Length:N0} bytes");
            return CliOutput.Ok;
        });

        var input = new Option<FileInfo>("--input") { Description = "Backup file made by custodian backup create", Required = true };
        var restore = new Command("restore", "Restore a backup into an empty data folder (SQLite) or the configured empty PostgreSQL database; the data folder's keys/ must hold the installation's key folder");
        restore.Options.Add(input);
        restore.Options.Add(CliOutput.DataOption);
        restore.SetAction(async (result, ct) =>
        {
            // Not opened as other commands are: their start would create an empty database where the backup goes.
            await using var host = CliHost.Create(result);
            var file = result.GetValue(input)!;
            var restored = await Progress.RunAsync("Restoring", _ => host.Services.GetRequiredService<BackupRestorer>().RestoreAsync(file.FullName, ct));
            if (!restored.Succeeded)
            {
                return await FailAsync(result, restored.Failure!);
            }

            var report = restored.Value!;
            await result.Out().WriteLineAsync(
                $"restored the backup of installation {report.Manifest.Installation} taken at {report.Manifest.CreatedAt:u} (audit chain to event {report.Manifest.HeadSeq}); " +
                $"the restore is event {report.RestoreSeq}, {report.ErasedAgain} persons erased since were erased again from the ledger, checkpoint at event {report.CheckpointSeq}");
            return CliOutput.Ok;
        });

        var backup = new Command("backup", "Backups that erasure reaches (docs/operations.md)");
        backup.Subcommands.Add(create);
        backup.Subcommands.Add(restore);
        return backup;
    }

    private static async Task<int> FailAsync(ParseResult result, Failure failure)
    {
        await result.Error().WriteLineAsync(failure.Detail);
        return CliOutput.Failed;
    }
}
