using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Custodian.Audit;

/// <summary>Reads the chain's head with a plain command: it is read on every read's path, inside the writer's transaction.</summary>
internal static class AuditRows
{
    public const string HeadSql = """SELECT "Seq", "Hash" FROM audit_events ORDER BY "Seq" DESC LIMIT 1""";

    // Several servers may share one PostgreSQL database: the head is read under one lock, held to the transaction's end.
    // Both go in one round trip; each statement reads its own snapshot, so the head is read after the lock is granted.
    private const string LockedHeadSql = "SELECT pg_advisory_xact_lock(7243); " + HeadSql;

    /// <summary>The chain's head, inside the caller's transaction; on PostgreSQL under the chain's lock.</summary>
    public static async Task<(long Seq, byte[] Hash)> HeadAsync(Storage.CustodianDb db, CancellationToken cancellationToken)
    {
        var locked = db.Database.IsNpgsql();
        await using var command = Command(db, locked ? LockedHeadSql : HeadSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (locked)
        {
            await reader.NextResultAsync(cancellationToken);
        }

        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), (byte[])reader.GetValue(1)) : (0, AuditHash.Genesis);
    }

    private static DbCommand Command(Storage.CustodianDb db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }
}
