using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Custodian.Audit;

/// <summary>Reads the chain's head with a plain command: it is read on every read's path, inside the writer's transaction.</summary>
internal static class AuditRows
{
    public const string HeadSql = """SELECT "Seq", "Hash" FROM audit_events ORDER BY "Seq" DESC LIMIT 1""";

    public static async Task<(long Seq, byte[] Hash)> HeadAsync(Storage.CustodianDb db, CancellationToken cancellationToken)
    {
        await using var command = Command(db, HeadSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
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
