using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Custodian.Storage;

/// <summary>
/// Inserts entities without change tracking inside the context's current transaction. Table,
/// columns and value conversions come from the EF model, so rows are written exactly as SaveChanges would
/// write them, without change tracking: for the paths that write many rows (audit events, imports).
/// </summary>
internal static class RowWriter
{
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

        if (rows.Count >= BulkRows)
        {
            // Binary COPY: no statement to plan, and each value goes in the wire format with no array built around it.
            await CopyAsync(db, table, tableName, rows, cancellationToken);
            return;
        }

        // PostgreSQL: one statement whatever the row count, each column sent as one array and unnested on the server.
        // Its text never changes, so the server prepares it once instead of parsing and planning every batch.
        await using var command = table.CreateUnnest(db, tableName);
        table.BindColumns((NpgsqlCommand)command, rows);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task CopyAsync<T>(CustodianDb db, Table table, string tableName, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var columns = string.Join(',', table.Properties.Select(p => $"\"{p.GetColumnName()}\""));
        await using var importer = await connection.BeginBinaryImportAsync($"COPY \"{tableName}\" ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            for (var c = 0; c < table.Properties.Length; c++)
            {
                if (table.Value(row, c) is { } value)
                {
                    await importer.WriteAsync(value, table.StoreTypeBase(c), cancellationToken);
                }
                else
                {
                    await importer.WriteNullAsync(cancellationToken);
                }
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static void InsertSqlite<T>(CustodianDb db, Table table, string tableName, IReadOnlyList<T> rows)
        where T : class
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        if (rows.Count >= BulkRows)
        {
            // 8 MB instead of 2: more of an import's random-order index pages (blind-index digests) stay in memory from
            // batch to batch instead of being read back for nearly every row. 64 MB kept the peak of a million-row import
            // above the 300 MB issue 24 allows; 32, 16 and 8 MB spent no more system time (docs/benchmarks.md, session 7).
            // The pool keeps the connection, so once.
            using var cache = connection.CreateCommand();
            cache.CommandText = "PRAGMA cache_size=-8192";
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
        // Rows per step of the many-row statement: SQLite opens the table's and each index's cursor once per step, not per row.
        private const int RowsPerStep = 32;
        private readonly Table _table;
        private readonly SqliteConnection _connection;
        private readonly string _tableName;
        private readonly RowWriterSqlite _writer;
        private RowWriterSqlite? _many;

        internal SqliteInsert(SqliteConnection connection, Table table, string tableName)
        {
            _table = table;
            _connection = connection;
            _tableName = tableName;
            _writer = new RowWriterSqlite(connection, Sql(1));
        }

        /// <summary>Inserts <paramref name="rows"/> inside the connection's current transaction.</summary>
        public void Insert<T>(IReadOnlyList<T> rows)
            where T : class
        {
            var columns = _table.Properties.Length;
            var r = 0;
            if (rows.Count >= RowsPerStep)
            {
                _many ??= new RowWriterSqlite(_connection, Sql(RowsPerStep));
                for (; r + RowsPerStep <= rows.Count; r += RowsPerStep)
                {
                    for (var i = 0; i < RowsPerStep; i++)
                    {
                        Bind(_many, i * columns, rows[r + i]);
                    }

                    _many.Step();
                }
            }

            for (; r < rows.Count; r++)
            {
                Bind(_writer, 0, rows[r]);
                _writer.Step();
            }
        }

        private void Bind(RowWriterSqlite writer, int first, object row)
        {
            for (var c = 0; c < _table.Properties.Length; c++)
            {
                writer.Bind(first + c + 1, _table.Value(row, c));
            }
        }

        // OR FAIL on the many-row statement: with SQLite's default (abort) a statement of several rows keeps a journal of
        // its own to undo just itself, which spilled to a temporary file and doubled the writer's system time. A failed
        // row fails the insert, and every caller then rolls its whole transaction back.
        private string Sql(int rows)
        {
            var row = $"({string.Join(',', Enumerable.Repeat('?', _table.Properties.Length))})";
            var head = _table.Insert(_tableName);
            return rows == 1 ? $"{head} VALUES {row}" : $"{head.Replace("INSERT INTO", "INSERT OR FAIL INTO", StringComparison.Ordinal)} VALUES {string.Join(',', Enumerable.Repeat(row, rows))}";
        }

        public void Dispose()
        {
            _writer.Dispose();
            _many?.Dispose();
        }
    }

    internal sealed class Table(IProperty[] properties)
    {
        private readonly RelationalTypeMapping[] _mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToArray();
        private readonly IClrPropertyGetter[] _getters = properties.Select(p => p.GetGetter()).ToArray();

        // A nullable column of a value type needs nullable elements: int?[], not int[].
        private readonly Type[] _elementTypes = properties.Select(p =>
        {
            var mapping = p.GetRelationalTypeMapping();
            var type = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
            type = Nullable.GetUnderlyingType(type) ?? type;
            return p.IsNullable && type.IsValueType ? typeof(Nullable<>).MakeGenericType(type) : type;
        }).ToArray();

        public IProperty[] Properties { get; } = properties;

        /// <summary>Column <paramref name="c"/>'s store type without its size (character varying, not character varying(200)).</summary>
        public string StoreTypeBase(int c) => _mappings[c].StoreTypeNameBase;

        public DbCommand CreateUnnest(CustodianDb db, string tableName)
        {
            var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var arrays = _mappings.Select((m, c) => $"${c + 1}::{m.StoreType}[]");
            command.CommandText = $"{Insert(tableName)} SELECT * FROM unnest({string.Join(',', arrays)})";
            return command;
        }

        /// <summary>The statement's head, up to its column list; the rows follow (VALUES, or a SELECT).</summary>
        public string Insert(string tableName) =>
            $"INSERT INTO \"{tableName}\" ({string.Join(',', Properties.Select(p => $"\"{p.GetColumnName()}\""))})";

        /// <summary>Column <paramref name="c"/> of <paramref name="entity"/> as the provider stores it.</summary>
        public object? Value(object entity, int c)
        {
            var value = _getters[c].GetClrValue(entity);
            return value is null ? null : _mappings[c].Converter?.ConvertToProvider(value) ?? value;
        }

        /// <summary>One positional parameter per column: an array of the provider's type with that column of every row.</summary>
        public void BindColumns<T>(NpgsqlCommand command, IReadOnlyList<T> rows)
            where T : class
        {
            for (var c = 0; c < Properties.Length; c++)
            {
                var values = Array.CreateInstance(_elementTypes[c], rows.Count);
                for (var r = 0; r < rows.Count; r++)
                {
                    values.SetValue(Value(rows[r], c), r);
                }

                command.Parameters.Add(new NpgsqlParameter { Value = values });
            }
        }
    }
}
