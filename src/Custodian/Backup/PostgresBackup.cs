using System.Data;
using Custodian.Common;
using Custodian.Storage;
using Npgsql;

namespace Custodian.Backup;

/// <summary>
/// PostgreSQL through <c>pg_dump</c> (custom format) of a snapshot exported from a transaction that also reads the
/// manifest's facts, so the dump and its manifest describe the same instant while the server keeps writing.
/// Point-in-time recovery is the cluster's business (base backups and WAL archiving, docs/operations.md).
/// </summary>
internal static class PostgresBackup
{
    public const string ContentName = "custodian.dump";

    public static async Task<Result<DatabaseFacts>> DumpAsync(StorageOptions storage, PostgresTools tools, string destination, CancellationToken cancellationToken)
    {
        if (tools.Find("pg_dump") is not { } pgDump)
        {
            return Failure.Unavailable("backup.pg-dump-missing", PostgresTools.NotFound("pg_dump"));
        }

        var database = new NpgsqlConnectionStringBuilder(StorageModule.PostgresConnection(storage.PostgresConnectionString!));
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using var export = new NpgsqlCommand("SELECT pg_export_snapshot()", connection, snapshot);
        var snapshotId = (string)(await export.ExecuteScalarAsync(cancellationToken))!;
        var facts = await DatabaseFacts.ReadAsync(connection, snapshot, cancellationToken);
        var (exit, error) = await PostgresTools.RunAsync(pgDump, database, ["--format=custom", "--snapshot=" + snapshotId, "--file=" + destination], cancellationToken);
        await snapshot.CommitAsync(cancellationToken);
        return exit == 0 ? facts : Failure.Unavailable("backup.pg-dump-failed", $"pg_dump failed: {error}");
    }

    /// <summary>Null when the configured database holds no table; a restore goes only into an empty database.</summary>
    public static async Task<string?> NotEmptyAsync(StorageOptions storage, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(StorageModule.PostgresConnection(storage.PostgresConnectionString!));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')", connection);
        var tables = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return tables == 0 ? null : $"database {connection.Database} already holds {tables} tables";
    }

    /// <summary>pg_restore in one transaction: on any error nothing of the dump stays.</summary>
    public static async Task<Failure?> RestoreAsync(StorageOptions storage, PostgresTools tools, string dump, CancellationToken cancellationToken)
    {
        if (tools.Find("pg_restore") is not { } pgRestore)
        {
            return Failure.Unavailable("backup.pg-restore-missing", PostgresTools.NotFound("pg_restore"));
        }

        var database = new NpgsqlConnectionStringBuilder(storage.PostgresConnectionString!);
        var (exit, error) = await PostgresTools.RunAsync(pgRestore, database, ["--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges", dump], cancellationToken);
        return exit == 0 ? null : Failure.Unavailable("backup.pg-restore-failed", $"pg_restore failed, nothing was restored: {error}");
    }

    /// <summary>Empties the database again, when what follows the restore fails: it was empty before.</summary>
    public static async Task RemoveAsync(StorageOptions storage, CancellationToken cancellationToken)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(storage.PostgresConnectionString!);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            DO $$ DECLARE t record; BEGIN
              FOR t IN SELECT schemaname, tablename FROM pg_catalog.pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') LOOP
                EXECUTE format('DROP TABLE IF EXISTS %I.%I CASCADE', t.schemaname, t.tablename);
              END LOOP;
            END $$;
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
