using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Custodian.Storage;

/// <summary>
/// <see cref="RowWriter"/>'s bulk path on PostgreSQL: a table's rows encoded in COPY's binary format by a writer compiled
/// once per entity type from the EF model (the property, its value converter, then the column's wire encoding) into one
/// buffer, sent over a raw COPY stream in large writes. Npgsql's importer took each value as an object, looked its
/// converter up and awaited each write: 6–9 µs of an import's CPU a person (docs/benchmarks.md). A table with a column type this
/// does not encode (<see cref="For"/> answers null) keeps Npgsql's importer.
/// </summary>
internal sealed class PostgresCopy
{
    // Sent to the server whenever this much is encoded: the server inserts one part while the next is encoded.
    private const int SendAt = 1 << 16;
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IEntityType, Box> Compiled = [];
    private readonly Action<CopyBuffer, object> _write;
    private readonly string _sql;

    private PostgresCopy(Action<CopyBuffer, object> write, string sql)
    {
        _write = write;
        _sql = sql;
    }

    /// <summary>The compiled writer of <paramref name="entityType"/>'s rows, or null when a column's type is not one it encodes.</summary>
    public static PostgresCopy? For(IEntityType entityType) => Compiled.GetValue(entityType, static e => new Box(Compile(e))).Copy;

    /// <summary>Writes <paramref name="rows"/> into the table inside the context's current transaction.</summary>
    public async Task WriteAsync<T>(CustodianDb db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var buffer = new CopyBuffer(SendAt * 2);
        try
        {
            await using var stream = await connection.BeginRawBinaryCopyAsync(_sql, cancellationToken);
            try
            {
                buffer.Header();
                foreach (var row in rows)
                {
                    _write(buffer, row);
                    if (buffer.Length >= SendAt)
                    {
                        await stream.WriteAsync(buffer.Written, cancellationToken);
                        buffer.Clear();
                    }
                }

                buffer.Trailer();
                await stream.WriteAsync(buffer.Written, cancellationToken);
            }
            catch (Exception e) when (e is not NpgsqlException)
            {
                // Ends the COPY with an error instead of ending it normally with the rows sent so far; the caller's
                // transaction, which does not commit after an exception, discards them either way.
                await stream.CancelAsync();
                throw;
            }
        }
        finally
        {
            buffer.Dispose();
        }
    }

    private static PostgresCopy? Compile(IEntityType entityType)
    {
        var properties = entityType.GetProperties().ToArray();
        var buffer = Expression.Parameter(typeof(CopyBuffer), "buffer");
        var row = Expression.Parameter(typeof(object), "row");
        var entity = Expression.Variable(entityType.ClrType, "entity");
        var body = new List<Expression>
        {
            Expression.Assign(entity, Expression.Convert(row, entityType.ClrType)),
            Expression.Call(buffer, nameof(CopyBuffer.Row), null, Expression.Constant((short)properties.Length)),
        };
        foreach (var property in properties)
        {
            if (Column(property, entity, buffer) is not { } column)
            {
                return null;
            }

            body.Add(column);
        }

        var write = Expression.Lambda<Action<CopyBuffer, object>>(Expression.Block([entity], body), buffer, row).Compile();
        var columns = string.Join(',', properties.Select(p => $"\"{p.GetColumnName()}\""));
        return new PostgresCopy(write, $"COPY \"{entityType.GetTableName()}\" ({columns}) FROM STDIN (FORMAT BINARY)");
    }

    // One column: the property read once, null written as null, else converted to the provider's type and encoded.
    private static Expression? Column(IProperty property, ParameterExpression entity, ParameterExpression buffer)
    {
        var member = (System.Reflection.MemberInfo?)property.PropertyInfo ?? property.FieldInfo;
        if (member is null)
        {
            return null;
        }

        var mapping = property.GetRelationalTypeMapping();
        var value = Expression.Variable(property.ClrType, "value");
        var read = Expression.Assign(value, Expression.MakeMemberAccess(entity, member));
        var underlying = Nullable.GetUnderlyingType(property.ClrType);
        Expression present = underlying is not null ? Expression.Property(value, "Value") : value;
        if (mapping.Converter is { } converter)
        {
            var lambda = converter.ConvertToProviderExpression;
            var argument = lambda.Parameters[0];
            if (!argument.Type.IsAssignableFrom(present.Type))
            {
                return null;
            }

            present = new Replace(argument, present.Type == argument.Type ? present : Expression.Convert(present, argument.Type)).Visit(lambda.Body);
        }

        if (Encoder(present.Type, mapping.StoreTypeNameBase) is not { } encode)
        {
            return null;
        }

        var provider = Expression.Variable(present.Type, "provider");
        Expression write = Expression.Call(buffer, encode, null, provider);
        if (!present.Type.IsValueType)
        {
            write = Expression.IfThenElse(Expression.Equal(provider, Expression.Constant(null, present.Type)), Null(buffer), write);
        }

        write = Expression.Block([provider], Expression.Assign(provider, present), write);
        if (underlying is not null || !property.ClrType.IsValueType)
        {
            write = Expression.IfThenElse(Expression.Equal(value, Expression.Constant(null, property.ClrType)), Null(buffer), write);
        }

        return Expression.Block([value], read, write);
    }

    private static MethodCallExpression Null(ParameterExpression buffer) => Expression.Call(buffer, nameof(CopyBuffer.Null), null);

    // The column types the vault's and the audit log's tables use, each with the binary encoding PostgreSQL receives.
    private static string? Encoder(Type provider, string storeType) => (provider, storeType) switch
    {
        _ when provider == typeof(Guid) && storeType == "uuid" => nameof(CopyBuffer.Uuid),
        _ when provider == typeof(string) && storeType is "text" or "character varying" => nameof(CopyBuffer.Text),
        _ when provider == typeof(byte[]) && storeType == "bytea" => nameof(CopyBuffer.Bytes),
        _ when provider == typeof(int) && storeType == "integer" => nameof(CopyBuffer.Int32),
        _ when provider == typeof(long) && storeType == "bigint" => nameof(CopyBuffer.Int64),
        _ when provider == typeof(short) && storeType == "smallint" => nameof(CopyBuffer.Int16),
        _ when provider == typeof(bool) && storeType == "boolean" => nameof(CopyBuffer.Boolean),
        _ when provider == typeof(DateTime) && storeType == "timestamp with time zone" => nameof(CopyBuffer.TimestampTz),
        _ => null,
    };

    private sealed class Box(PostgresCopy? copy)
    {
        public PostgresCopy? Copy { get; } = copy;
    }

    private sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
