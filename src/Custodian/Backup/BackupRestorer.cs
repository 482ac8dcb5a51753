using System.Security.Cryptography;
using Custodian.Audit;
using Custodian.Common;
using Custodian.Storage;
using Custodian.Vault;
using Custodian.Vault.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Custodian.Backup;

/// <summary>
/// <c>custodian backup restore</c>: puts a backup into an empty target (a data folder without a database, or an empty
/// PostgreSQL database) whose <c>keys/</c> folder holds the installation's key, erasure ledger and anchor. A backup that
/// is damaged, of another installation or of a newer schema is refused before anything is written. After the content is
/// in place the chain records the restore, the ledger erases again whoever was erased since the backup, and a new
/// signed checkpoint becomes the anchor; if any of that fails, the target is emptied again.
/// </summary>
public sealed class BackupRestorer(IOptions<StorageOptions> storage, IOptions<BackupOptions> options, IServiceProvider services)
{
    public async Task<Result<RestoreReport>> RestoreAsync(string input, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(input))
        {
            return Failure.NotFound("backup.no-file", $"{Path.GetFullPath(input)}: no such file.");
        }

        await using var archive = BackupArchive.Open(input);
        var read = await archive.ReadManifestAsync(cancellationToken);
        if (!read.Succeeded)
        {
            return read.Failure!;
        }

        var manifest = read.Value!;
        var target = storage.Value;
        var checkedTarget = await CheckAsync(manifest, target, cancellationToken);
        if (!checkedTarget.Succeeded)
        {
            return checkedTarget.Failure!;
        }

        var extracted = Path.Combine(target.DataDirectory, manifest.Content + ".restoring");
        try
        {
            if (await archive.ExtractContentAsync(manifest, extracted, cancellationToken) is { } damaged)
            {
                return damaged;
            }

            if (target.UsesPostgres)
            {
                if (await PostgresBackup.RestoreAsync(target, new PostgresTools(options.Value.PostgresBin), extracted, cancellationToken) is { } failed)
                {
                    return failed;
                }
            }
            else
            {
                SqliteBackup.Place(target, extracted);
            }
        }
        finally
        {
            File.Delete(extracted);
        }

        try
        {
            return await RecordAsync(manifest, checkedTarget.Value, cancellationToken);
        }
        catch
        {
            // A restore that is not recorded in the chain and anchored is not a restore: the target is empty again.
            await RemoveAsync(target);
            throw;
        }
    }

    /// <summary>Everything that refuses the backup before a byte is written; returns the anchor the restore replaces.</summary>
    private static async Task<Result<Anchored?>> CheckAsync(BackupManifest manifest, StorageOptions target, CancellationToken cancellationToken)
    {
        if (manifest.Format != BackupManifest.CurrentFormat)
        {
            return Refused("backup.format", $"The backup's format version {manifest.Format} is not one this build reads ({BackupManifest.CurrentFormat}). Nothing was restored.");
        }

        if (!DatabaseMigrator.Migrations.Contains(manifest.Schema, StringComparer.Ordinal))
        {
            return Refused("backup.schema-newer", $"The backup's schema {manifest.Schema} is newer than this build knows (up to {DatabaseMigrator.Migrations[^1]}): restore it with the release that made it, or a later one. Nothing was restored.");
        }

        var provider = target.UsesPostgres ? "postgres" : "sqlite";
        if (manifest.Provider != provider)
        {
            return Refused("backup.provider", $"The backup is of a {manifest.Provider} database, but the configured database is {provider}. Nothing was restored.");
        }

        var keyPath = FileKeyProvider.PathIn(target.DataDirectory);
        if (!File.Exists(keyPath))
        {
            return Refused("backup.no-key", $"{keyPath} is missing: put the installation's key folder (from the key backup) at {Path.GetDirectoryName(keyPath)} first. Nothing was restored.");
        }

        DataFolder.Prepare(target.DataDirectory);
        var opened = FileKeyProvider.Open(keyPath, mayCreate: false);
        if (opened.Provider is not { } key)
        {
            return Refused("backup.key-unreadable", opened.Error! + " Nothing was restored.");
        }

        // A backup from before a key rotation carries the retired key's check; the retired key still opens it.
        if (!key.HoldsCheck(Convert.FromHexString(manifest.KeyCheck)))
        {
            return Refused("backup.other-installation", $"The backup is of another installation: its key check does not match the key in {keyPath}. Restore it with that installation's key folder. Nothing was restored.");
        }

        Anchored? anchored;
        try
        {
            anchored = new AuditAnchor(Options.Create(target), key).Read();
        }
        catch (InvalidDataException ex)
        {
            return Refused("backup.anchor", $"The key folder is not consistent: {ex.Message}. Nothing was restored.");
        }

        if (anchored?.Installation is { } keysOf && manifest.Installation is { } backupOf && keysOf != backupOf)
        {
            return Refused("backup.other-installation", $"The backup is of installation {backupOf}, but the key folder's anchor is of installation {keysOf}. Nothing was restored.");
        }

        var occupied = target.UsesPostgres ? await PostgresBackup.NotEmptyAsync(target, cancellationToken)
            : SqliteBackup.Existing(target) is { } file ? $"{file} exists" : null;
        return occupied is null ? anchored
            : Refused("backup.target-not-empty", $"A restore goes only into an empty target, and {occupied}: move it away (or create a new database) first. Nothing was restored.");
    }

    private async Task<RestoreReport> RecordAsync(BackupManifest manifest, Anchored? replaced, CancellationToken cancellationToken)
    {
        // Only now, with the database in place: these services open the database and the key when first used.
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        services.GetRequiredService<KeyBootstrap>().EnsureChecked();
        await using (var db = await services.GetRequiredService<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(cancellationToken))
        {
            await services.GetRequiredService<AuditLog>().CommitAsync(db, [AuditRestore.Entry(manifest.HeadSeq, Convert.FromHexString(manifest.HeadHash), replaced)], cancellationToken);
        }

        var erased = await services.GetRequiredService<ErasureReplay>().ReplayAsync(cancellationToken);
        var checkpoint = await services.GetRequiredService<AuditCheckpoints>().WriteAsync(cancellationToken)
            ?? throw new InvalidOperationException("The restore's checkpoint was not written.");
        return new RestoreReport(manifest, manifest.HeadSeq + 1, erased, checkpoint.Seq);
    }

    private async Task RemoveAsync(StorageOptions target)
    {
        if (target.UsesPostgres)
        {
            await PostgresBackup.RemoveAsync(target, CancellationToken.None);
        }
        else
        {
            SqliteBackup.Remove(target);
        }
    }

    private static Failure Refused(string code, string detail) => Failure.Refused(code, detail);
}

/// <summary>What a restore did: the backup's manifest, where the chain records it, how many persons the ledger erased again.</summary>
public sealed record RestoreReport(BackupManifest Manifest, long RestoreSeq, int ErasedAgain, long CheckpointSeq);
