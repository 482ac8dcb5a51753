using System.CommandLine;
using Custodian.Audit;
using Custodian.Storage;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Custodian.Cli.Audit;

internal static class AuditCommands
{
    public static Command Create()
    {
        var verify = new Command("verify", "Walk the audit chain and its signed checkpoints; exit 1 naming the first bad event");
        verify.Options.Add(CliOutput.DataOption);
        verify.SetAction(async (result, ct) =>
        {
            await using var host = await CliHost.OpenAsync(result, ct);
            var verifier = host.Services.GetRequiredService<AuditVerifier>();
            var verification = await Progress.RunAsync("Verifying audit chain", progress => verifier.VerifyAsync(progress, ct));
            if (verification.Intact)
            {
                var pruned = verification.PrunedThrough > 0 ? $" (1..{verification.PrunedThrough} pruned behind a signed start)" : "";
                var restored = verification.Restore is { } restore
                    ? $"; restored from a backup at event {restore.BackupSeq} (the restore is event {restore.Seq})"
                    : "";
                await result.Out().WriteLineAsync($"intact: {verification.Count} events{pruned}, head {verification.HeadHash}{restored}");
                return CliOutput.Ok;
            }

            await result.Error().WriteLineAsync($"broken at event {verification.FirstBadSeq}: {verification.Problem} ({verification.Count} events before it verified)");
            return CliOutput.Failed;
        });

        var checkpoint = new Command("checkpoint", "Sign the chain's current head");
        checkpoint.Options.Add(CliOutput.DataOption);
        checkpoint.SetAction(async (result, ct) =>
        {
            await using var host = await CliHost.OpenAsync(result, ct);
            var written = await host.Services.GetRequiredService<AuditCheckpoints>().WriteAsync(ct);
            await result.Out().WriteLineAsync(written is null ? "Head already checkpointed (or no events)." : $"checkpoint at event {written.Seq}");
            return CliOutput.Ok;
        });

        var audit = new Command("audit", "The tamper-evident audit log");
        audit.Subcommands.Add(verify);
        audit.Subcommands.Add(checkpoint);
        return audit;
    }
}
