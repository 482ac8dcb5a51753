using System.Data.Common;
using Custodian.Audit;
using Custodian.Storage;

namespace Custodian.Backup;

/// <summary>What the manifest says of the database, read from the very copy the backup holds (or in its snapshot).</summary>
internal sealed record DatabaseFacts(Guid? Installation, string Schema, long HeadSeq, byte[] HeadHash, byte[]? KeyCheck)
{
    public static async Task<DatabaseFacts> ReadAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var schema = (await ColumnAsync(connection, transaction, """SELECT "MigrationId" FROM "__EFMigrationsHistory" """, cancellationToken))
            .Cast<string>().Max(StringComparer.Ordinal) ?? "";
        long headSeq = 0;
        var headHash = AuditHash.Genesis;
        await using (var command = Command(connection, transaction, AuditRows.HeadSql))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                (headSeq, headHash) = (reader.GetInt64(0), (byte[])reader.GetValue(1));
            }
        }

        var check = (await ColumnAsync(connection, transaction, """SELECT "Check" FROM vault_key_check WHERE "Id" = 1""", cancellationToken)).FirstOrDefault() as byte[];
        return new(await Storage.Installation.ReadAsync(connection, transaction, cancellationToken), schema, headSeq, headHash, check);
    }

    private static async Task<List<object>> ColumnAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<object>();
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetValue(0));
        }

        return values;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = AuditRows.Command(connection, sql);
        command.Transaction = transaction;
        return command;
    }
}
