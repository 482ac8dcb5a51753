using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Custodian.Storage;

/// <summary>
/// Inserts entities with multi-row INSERT statements inside the context's current transaction. Table,
/// columns and value conversions come from the EF model, so rows are written exactly as SaveChanges would
/// write them, without change tracking: for the paths that write many rows (audit events, imports).
/// </summary>
internal static class RowWriter
{
    // SQLite allows 32,766 parameters per statement, PostgreSQL 65,535.
    private const int MaxParameters = 30_000;
    private const int MaxRowsPerStatement = 500;

    // Per model (SQLite and PostgreSQL models differ), the columns, their mappings and getters, worked out once.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IEntityType, Table> Tables = [];

    public static async Task InsertAsync<T>(CustodianDb db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = Tables.GetValue(entityType, static e => new Table(e.GetProperties().ToArray()));
        // SQLite runs in-process: one prepared single-row statement stepped per row beats parsing a large
        // statement each time. PostgreSQL pays a round trip per statement, so it gets multi-row statements.
        var rowsPerStatement = db.Database.IsSqlite() ? 1 : Math.Min(MaxRowsPerStatement, MaxParameters / table.Properties.Length);
        DbCommand? command = null;
        try
        {
            for (var start = 0; start < rows.Count; start += rowsPerStatement)
            {
                var count = Math.Min(rowsPerStatement, rows.Count - start);
                if (command is null || command.Parameters.Count != count * table.Properties.Length)
                {
                    if (command is not null)
                    {
                        await command.DisposeAsync();
                    }

                    command = table.CreateCommand(db, entityType.GetTableName()!, count);
                }

                for (var r = 0; r < count; r++)
                {
                    table.Bind(command, r, rows[start + r]);
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            if (command is not null)
            {
                await command.DisposeAsync();
            }
        }
    }

    private sealed class Table(IProperty[] properties)
    {
        private readonly RelationalTypeMapping[] _mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToArray();
        private readonly IClrPropertyGetter[] _getters = properties.Select(p => p.GetGetter()).ToArray();

        public IProperty[] Properties { get; } = properties;

        public DbCommand CreateCommand(CustodianDb db, string tableName, int rowCount)
        {
            var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var sql = new StringBuilder($"INSERT INTO \"{tableName}\" (")
                .AppendJoin(',', Properties.Select(p => $"\"{p.GetColumnName()}\"")).Append(") VALUES ");
            for (var r = 0; r < rowCount; r++)
            {
                sql.Append(r == 0 ? "(" : ",(");
                for (var c = 0; c < Properties.Length; c++)
                {
                    var name = $"@p{(r * Properties.Length) + c}";
                    sql.Append(c == 0 ? "" : ",").Append(name);
                    command.Parameters.Add(_mappings[c].CreateParameter(command, name, null, Properties[c].IsNullable));
                }

                sql.Append(')');
            }

            command.CommandText = sql.ToString();
            return command;
        }

        public void Bind(DbCommand command, int row, object entity)
        {
            for (var c = 0; c < Properties.Length; c++)
            {
                var value = _getters[c].GetClrValue(entity);
                command.Parameters[(row * Properties.Length) + c].Value =
                    (value is null ? null : _mappings[c].Converter?.ConvertToProvider(value) ?? value) ?? DBNull.Value;
            }
        }
    }
}
