using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Custodian.Audit;

/// <summary>
/// The chain's rows read with plain commands: the head on every read's path, inside the writer's transaction; the last
/// sequence number and the checkpoints by the verifier, on a plain connection: it needs no EF model (building it was
/// half a second of every <c>custodian audit verify</c>).
/// </summary>
internal static class AuditRows
{
    public const string HeadSql = """SELECT "Seq", "Hash" FROM audit_events ORDER BY "Seq" DESC LIMIT 1""";

    // Several servers may share one PostgreSQL database: the head is read under one lock, held to the transaction's end.
    // Both go in one round trip; each statement reads its own snapshot, so the head is read after the lock is granted.
    private const string LockedHeadSql = "SELECT pg_advisory_xact_lock(7243); " + HeadSql;

    /// <summary>
    /// The chain's head, inside the caller's transaction; on PostgreSQL under the chain's lock. With
    /// <paramref name="persons"/> (the persons a group's uses name), also those of them erased since
    /// (<see cref="Vault.ErasureBarrier"/>), read in the same round trip and likewise after the lock is granted.
    /// </summary>
    public static async Task<((long Seq, byte[] Hash) Head, IReadOnlySet<Guid> Erased)> HeadAsync(
        Storage.CustodianDb db, Guid[] persons, CancellationToken cancellationToken)
    {
        var locked = db.Database.IsNpgsql();
        var barrier = persons.Length == 0 ? "" : "; " + (locked ? Vault.ErasureBarrier.PostgresSql : Vault.ErasureBarrier.SqliteSql);
        await using var command = Command(db, (locked ? LockedHeadSql : HeadSql) + barrier);
        if (persons.Length > 0)
        {
            var parameter = command.CreateParameter();
            (parameter.ParameterName, parameter.Value) = ("persons", locked ? persons : Vault.ErasureBarrier.SqliteParameter(persons));
            command.Parameters.Add(parameter);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (locked)
        {
            await reader.NextResultAsync(cancellationToken);
        }

        var head = await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), (byte[])reader.GetValue(1)) : (0, AuditHash.Genesis);
        var erased = persons.Length > 0 && await reader.NextResultAsync(cancellationToken)
            ? await Vault.ErasureBarrier.ReadAsync(reader, cancellationToken)
            : Vault.ErasureBarrier.None;
        return (head, erased);
    }

    public static async Task<long> LastSeqAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, """SELECT MAX("Seq") FROM audit_events""");
        return await command.ExecuteScalarAsync(cancellationToken) is long seq ? seq : 0;
    }

    public static async Task<byte[]?> HashAtAsync(DbConnection connection, long seq, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, """SELECT "Hash" FROM audit_events WHERE "Seq" = @seq""");
        var parameter = command.CreateParameter();
        (parameter.ParameterName, parameter.Value) = ("seq", seq);
        command.Parameters.Add(parameter);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    public static async Task<List<AuditCheckpoint>> CheckpointsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, """SELECT "Seq", "Hash", "Signature" FROM audit_checkpoints ORDER BY "Seq" """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var checkpoints = new List<AuditCheckpoint>();
        while (await reader.ReadAsync(cancellationToken))
        {
            checkpoints.Add(new AuditCheckpoint { Seq = reader.GetInt64(0), Hash = (byte[])reader.GetValue(1), Signature = (byte[])reader.GetValue(2) });
        }

        return checkpoints;
    }

    private static DbCommand Command(Storage.CustodianDb db, string sql)
    {
        var command = Command(db.Database.GetDbConnection(), sql);
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    public static async Task<long> LastCheckpointSeqAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, """SELECT MAX("Seq") FROM audit_checkpoints""");
        return await command.ExecuteScalarAsync(cancellationToken) is long seq ? seq : 0;
    }

    public static DbCommand Command(DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}
