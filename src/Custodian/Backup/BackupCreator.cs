using Custodian.Common;
using Custodian.Storage;
using Microsoft.Extensions.Options;

namespace Custodian.Backup;

/// <summary>
/// <c>custodian backup create</c>: a consistent copy of the running database, wrapped with its manifest into one file.
/// The file appears whole or not at all (written beside it, flushed, then renamed).
/// </summary>
public sealed class BackupCreator(IOptions<StorageOptions> storage, IOptions<BackupOptions> options, TimeProvider time)
{
    public async Task<Result<BackupManifest>> CreateAsync(string output, CancellationToken cancellationToken = default)
    {
        var target = Path.GetFullPath(output);
        var folder = Path.GetDirectoryName(target)!;
        if (File.Exists(target))
        {
            return Failure.Conflict("backup.exists", $"{target} already exists: name another file, or move it away first.");
        }

        if (!Directory.Exists(folder))
        {
            return Failure.Invalid("output", "backup.no-folder", $"Folder {folder} does not exist.");
        }

        var content = target + ".content";
        var partial = target + ".partial";
        try
        {
            var copied = storage.Value.UsesPostgres
                ? await PostgresBackup.DumpAsync(storage.Value, new PostgresTools(options.Value.PostgresBin), content, cancellationToken)
                : await SqliteBackup.CopyAsync(storage.Value, content, cancellationToken);
            if (!copied.Succeeded)
            {
                return copied.Failure!;
            }

            var facts = copied.Value!;
            if (facts.KeyCheck is null)
            {
                // Every start writes the key check; a database without one has never been opened by this build.
                return Failure.Unavailable("backup.no-key-check", "The database has no key check yet: start the server (or run custodian db migrate) once, then back it up.");
            }

            var (length, sha256) = await BackupArchive.HashAsync(content, cancellationToken);
            var manifest = new BackupManifest(
                BackupManifest.CurrentFormat, facts.Installation, storage.Value.UsesPostgres ? "postgres" : "sqlite", facts.Schema, time.GetUtcNow(),
                facts.HeadSeq, Convert.ToHexStringLower(facts.HeadHash), Convert.ToHexStringLower(facts.KeyCheck),
                storage.Value.UsesPostgres ? PostgresBackup.ContentName : SqliteBackup.ContentName, length, sha256);
            await BackupArchive.WriteAsync(partial, manifest, content, cancellationToken);
            File.Move(partial, target);
            Durability.SyncFolder(folder);
            return manifest;
        }
        finally
        {
            File.Delete(content);
            File.Delete(partial);
        }
    }
}
