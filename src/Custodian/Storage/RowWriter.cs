using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
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
    private const int BulkRows = 1000;

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
        var table = TableOf(entityType);
        var tableName = entityType.GetTableName()!;
        if (db.Database.IsSqlite())
        {
            // SQLite runs in-process: one prepared single-row statement stepped per row beats parsing a large statement.
            InsertSqlite(db, table, tableName, rows);
            return;
        }

        // PostgreSQL pays a round trip per statement, so it gets multi-row statements.
        var rowsPerStatement = Math.Min(MaxRowsPerStatement, MaxParameters / table.Properties.Length);
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

                    command = table.CreateCommand(db, tableName, count);
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

    private static void InsertSqlite<T>(CustodianDb db, Table table, string tableName, IReadOnlyList<T> rows)
        where T : class
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        if (rows.Count >= BulkRows)
        {
            // 64 MB instead of 2: an import's random-order index pages (blind-index digests) then stay in memory from
            // batch to batch instead of being read back for nearly every row. The pool keeps the connection, so once.
            using var cache = connection.CreateCommand();
            cache.CommandText = "PRAGMA cache_size=-65536";
            cache.Transaction = db.Database.CurrentTransaction?.GetDbTransaction() as SqliteTransaction;
            cache.ExecuteNonQuery();
        }

        using var insert = new SqliteInsert(connection, table, tableName);
        insert.Insert(rows);
    }

    /// <summary>
    /// An insert of <typeparamref name="T"/> rows prepared on a SQLite connection that outlives one transaction: for a
    /// writer that appends often (the audit log's group commit), so the statement is compiled once, not per commit.
    /// </summary>
    public static SqliteInsert PrepareSqlite<T>(IModel model, SqliteConnection connection)
        where T : class
    {
        var entityType = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        return new SqliteInsert(connection, TableOf(entityType), entityType.GetTableName()!);
    }

    private static Table TableOf(IEntityType entityType) => Tables.GetValue(entityType, static e => new Table(e.GetProperties().ToArray()));

    internal sealed class SqliteInsert : IDisposable
    {
        private readonly Table _table;
        private readonly RowWriterSqlite _writer;

        internal SqliteInsert(SqliteConnection connection, Table table, string tableName)
        {
            _table = table;
            _writer = new RowWriterSqlite(connection, $"{table.Insert(tableName)}({string.Join(',', Enumerable.Repeat('?', table.Properties.Length))})");
        }

        /// <summary>Inserts <paramref name="rows"/> inside the connection's current transaction.</summary>
        public void Insert<T>(IReadOnlyList<T> rows)
            where T : class
        {
            foreach (var row in rows)
            {
                for (var c = 0; c < _table.Properties.Length; c++)
                {
                    _writer.Bind(c + 1, _table.Value(row, c));
                }

                _writer.Step();
            }
        }

        public void Dispose() => _writer.Dispose();
    }

    internal sealed class Table(IProperty[] properties)
    {
        private readonly RelationalTypeMapping[] _mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToArray();
        private readonly IClrPropertyGetter[] _getters = properties.Select(p => p.GetGetter()).ToArray();

        public IProperty[] Properties { get; } = properties;

        public DbCommand CreateCommand(CustodianDb db, string tableName, int rowCount)
        {
            var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var sql = new StringBuilder(Insert(tableName));
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

        public string Insert(string tableName) =>
            $"INSERT INTO \"{tableName}\" ({string.Join(',', Properties.Select(p => $"\"{p.GetColumnName()}\""))}) VALUES ";

        /// <summary>Column <paramref name="c"/> of <paramref name="entity"/> as the provider stores it.</summary>
        public object? Value(object entity, int c)
        {
            var value = _getters[c].GetClrValue(entity);
            return value is null ? null : _mappings[c].Converter?.ConvertToProvider(value) ?? value;
        }

        public void Bind(DbCommand command, int row, object entity)
        {
            for (var c = 0; c < Properties.Length; c++)
            {
                command.Parameters[(row * Properties.Length) + c].Value = Value(entity, c) ?? DBNull.Value;
            }
        }
    }
}
