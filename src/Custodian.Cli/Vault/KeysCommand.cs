using System.CommandLine;
using Custodian.Storage;
using Custodian.Vault.Keys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Custodian.Cli.Vault;

/// <summary>
/// <c>custodian keys rotate</c>: a new key-encryption key, every data key re-wrapped under it while the server runs, the
/// old key retired under <c>data/keys/retired/</c>. Stopped midway, a rerun finishes the same rotation (docs/keys.md).
/// </summary>
internal static class KeysCommand
{
    // A registration that read the key file just before the switch commits within moments; the last look waits for it.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    public static Command Create()
    {
        var batchSize = new Option<int>("--batch-size") { Description = "Data keys re-wrapped per transaction", DefaultValueFactory = _ => 1000 };
        batchSize.Validators.Add(r =>
        {
            if (r.GetValue(batchSize) < 1)
            {
                r.AddError("--batch-size must be at least 1.");
            }
        });
        var rotate = new Command(
            "rotate",
            "Make a new key-encryption key, re-wrap every data key under it while the server runs, and retire the old key to data/keys/retired/. Stopped midway, run it again to finish.");
        rotate.Options.Add(batchSize);
        rotate.Options.Add(CliOutput.DataOption);
        rotate.SetAction(async (result, ct) =>
        {
            await using var host = CliHost.Create(result);
            var keyFile = FileKeyProvider.PathIn(host.Services.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory);
            if (!File.Exists(keyFile))
            {
                // Opening the host would make a first key for an empty database: there is nothing to rotate.
                await result.Error().WriteLineAsync($"No key file at {keyFile}: nothing to rotate. Check --data (or Storage__DataDirectory); a lost key file is restored from the key backup.");
                return CliOutput.Failed;
            }

            await host.PrepareAsync(ct);
            return await RotateAsync(result, host.Services.GetRequiredService<KeyRotation>(), result.GetValue(batchSize), keyFile, ct);
        });

        var keys = new Command("keys", "The key-encryption key under data/keys/");
        keys.Subcommands.Add(rotate);
        return keys;
    }

    private static async Task<int> RotateAsync(ParseResult result, KeyRotation rotation, int batchSize, string keyFile, CancellationToken cancellationToken)
    {
        try
        {
            var started = await rotation.StartAsync(cancellationToken);
            if (started.Failure is { } refused)
            {
                await result.Error().WriteLineAsync(refused.Detail);
                return CliOutput.Failed;
            }

            using var plan = started.Value!;
            await result.Out().WriteLineAsync(plan.Resumed
                ? $"Finishing the rotation to key {plan.KeyId}: {plan.Pending:N0} data keys left to re-wrap."
                : $"New key {plan.KeyId} in {keyFile}; retiring {string.Join(", ", plan.Retiring)}.");
            var finished = await Progress.RunAsync(
                "Re-wrapping data keys", progress => rotation.FinishAsync(plan, progress, batchSize, Settle, cancellationToken), Math.Max(1, plan.Pending));
            if (finished.Failure is { } failure)
            {
                await result.Error().WriteLineAsync(failure.Detail);
                return CliOutput.Failed;
            }

            var done = finished.Value!;
            await result.Out().WriteLineAsync(
                $"Rotated: {done.Rewrapped:N0} data keys re-wrapped under {done.KeyId}; retired {string.Join(", ", done.Retired)}. " +
                $"The retired key stays in {FileKeyProvider.RetiredFolderIn(Path.GetDirectoryName(Path.GetDirectoryName(keyFile))!)} only to restore backups taken before now: destroy it once no backup needs it.");
            return CliOutput.Ok;
        }
        catch (OperationCanceledException)
        {
            await result.Error().WriteLineAsync("Key rotation stopped: run custodian keys rotate again to finish it. Both keys open the data meanwhile.");
            return CliOutput.Failed;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await result.Error().WriteLineAsync($"The key files under {Path.GetDirectoryName(keyFile)} could not be written ({ex.GetType().Name}); run custodian keys rotate again once they can.");
            return CliOutput.Failed;
        }
    }
}
