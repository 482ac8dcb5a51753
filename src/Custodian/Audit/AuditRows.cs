using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Custodian.Audit;

/// <summary>
/// Reads the chain's head and appends events with plain ADO.NET commands on the context's own connection
/// and transaction. The audit write sits on every read's path, so it skips EF's per-entity overhead; values
/// are written exactly as EF's provider mappings write them, so EF reads them back unchanged.
/// </summary>
internal static class AuditRows
{
    private const string InsertSql =
        """INSERT INTO audit_events ("Seq","At","Type","Outcome","Actor","PersonId","Purpose","Items","Reason","Subject","PrevHash","Hash") VALUES (@seq,@at,@type,@outcome,@actor,@person,@purpose,@items,@reason,@subject,@prev,@hash)""";

    public static async Task<(long Seq, byte[] Hash)> HeadAsync(Storage.CustodianDb db, CancellationToken cancellationToken)
    {
        await using var command = Command(db, """SELECT "Seq", "Hash" FROM audit_events ORDER BY "Seq" DESC LIMIT 1""");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), (byte[])reader.GetValue(1)) : (0, AuditHash.Genesis);
    }

    public static async Task InsertAsync(Storage.CustodianDb db, IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        var sqlite = db.Database.IsSqlite();
        await using var command = Command(db, InsertSql);
        var parameters = new[] { "seq", "at", "type", "outcome", "actor", "person", "purpose", "items", "reason", "subject", "prev", "hash" }
            .Select(name =>
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@" + name;
                command.Parameters.Add(parameter);
                return parameter;
            })
            .ToArray();
        foreach (var e in events)
        {
            parameters[0].Value = e.Seq;
            parameters[1].Value = sqlite ? e.At.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) : e.At;
            parameters[2].Value = (int)e.Type;
            parameters[3].Value = (int)e.Outcome;
            parameters[4].Value = e.Actor;
            parameters[5].Value = e.PersonId is { } id ? sqlite ? id.ToString().ToUpperInvariant() : id : DBNull.Value;
            parameters[6].Value = (object?)e.Purpose ?? DBNull.Value;
            parameters[7].Value = (object?)e.Items ?? DBNull.Value;
            parameters[8].Value = (object?)e.Reason ?? DBNull.Value;
            parameters[9].Value = (object?)e.Subject ?? DBNull.Value;
            parameters[10].Value = e.PrevHash;
            parameters[11].Value = e.Hash;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static DbCommand Command(Storage.CustodianDb db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }
}
