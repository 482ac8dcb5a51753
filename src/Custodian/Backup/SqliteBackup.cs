using Custodian.Storage;
using Microsoft.Data.Sqlite;

namespace Custodian.Backup;

/// <summary>
/// SQLite through its online backup API: a copy of the database as one read transaction sees it, the write-ahead log's
/// committed pages included, while the server keeps reading and writing (WAL lets writers go on beside a reader).
/// </summary>
internal static class SqliteBackup
{
    public const string ContentName = "custodian.db";

    public static async Task<DatabaseFacts> CopyAsync(StorageOptions storage, string destination, CancellationToken cancellationToken)
    {
        CreateOwnerOnly(destination);
        await using (var source = await OpenAsync(storage.SqlitePath, SqliteOpenMode.ReadWrite, cancellationToken))
        await using (var copy = await OpenAsync(destination, SqliteOpenMode.ReadWrite, cancellationToken))
        {
            // The copy is flushed once, as part of the backup file; journaling it page by page would only slow it down.
            await ExecuteAsync(copy, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;", cancellationToken);
            // One step copies every page inside one read transaction: a consistent copy however long it takes.
            await Task.Run(() => source.BackupDatabase(copy), cancellationToken);
        }

        await using var facts = await OpenAsync(destination, SqliteOpenMode.ReadWrite, cancellationToken);
        // The copied header says WAL; a rollback journal keeps the restored file whole without a -wal beside it.
        await ExecuteAsync(facts, "PRAGMA journal_mode=DELETE;", cancellationToken);
        return await DatabaseFacts.ReadAsync(facts, null, cancellationToken);
    }

    /// <summary>Puts a restored database in place; its owner-only mode came with the extracted file.</summary>
    public static void Place(StorageOptions storage, string extracted) => File.Move(extracted, storage.SqlitePath);

    /// <summary>Takes a restored database away again, when what follows the restore fails.</summary>
    public static void Remove(StorageOptions storage)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(storage.SqlitePath + suffix);
        }
    }

    /// <summary>Null when the data folder holds no database; else the file in the way.</summary>
    public static string? Existing(StorageOptions storage) =>
        new[] { "", "-wal", "-journal" }.Select(s => storage.SqlitePath + s).FirstOrDefault(File.Exists);

    private static async Task<SqliteConnection> OpenAsync(string path, SqliteOpenMode mode, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "PRAGMA busy_timeout=30000;", cancellationToken);
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void CreateOwnerOnly(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var _ = new FileStream(path, options);
    }
}
