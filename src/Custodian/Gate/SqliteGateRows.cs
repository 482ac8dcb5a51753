using System.Collections.Concurrent;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Custodian.Gate;

/// <summary>
/// The gate's read of one person and their wrapped key on SQLite: one statement prepared once per connection, on a
/// few connections of the gate's own kept open. Through EF each read rented a pooled connection, had SQLite parse the
/// statement again and ran EF's materializer: the profile put that at most of the gate's CPU beyond a plain read
/// (docs/benchmarks.md, issue 24). Values are read as EF reads them (a Guid as upper-case text, instants as UTC); a
/// column the model gains that this does not read stops the start instead of going missing.
/// </summary>
internal sealed class SqliteGateRows : IDisposable
{
    // Connections kept idle beyond the readers in flight are closed: a burst does not leave dozens open.
    private const int MaxIdle = 16;

    private static readonly string[] PersonColumns =
    [
        nameof(Person.Id), nameof(Person.PolicyId), nameof(Person.PolicyVersion), nameof(Person.Channel), nameof(Person.State),
        nameof(Person.ProvisionStopped), nameof(Person.SuspendedPurposes), nameof(Person.RegisteredAt), nameof(Person.UpdatedAt),
        nameof(Person.Sealed), nameof(Person.ItemIds), nameof(Person.Version),
    ];

    private static readonly string[] KeyColumns = [nameof(PersonKey.PersonId), nameof(PersonKey.KeyId), nameof(PersonKey.Wrapped)];

    private readonly string _connectionString;
    private readonly string _sql;
    private readonly ConcurrentQueue<Reader> _idle = new();
    private volatile bool _disposed;

    public SqliteGateRows(CustodianDb db)
    {
        _connectionString = new SqliteConnectionStringBuilder(db.Database.GetDbConnection().ConnectionString) { Pooling = false }.ToString();
        _sql = Select(db.Model);
    }

    /// <summary>The person and their wrapped key (null once erased); null when no person has this id.</summary>
    public (Person Person, PersonKey? Key)? Read(Guid personId)
    {
        var reader = _idle.TryDequeue(out var idle) ? idle : new Reader(_connectionString, _sql);
        try
        {
            var row = reader.Read(personId);
            Return(reader);
            return row;
        }
        catch
        {
            // A connection that failed mid-read is not handed to the next reader.
            reader.Dispose();
            throw;
        }
    }

    private void Return(Reader reader)
    {
        if (_disposed || _idle.Count >= MaxIdle)
        {
            reader.Dispose();
            return;
        }

        _idle.Enqueue(reader);
        if (_disposed && _idle.TryDequeue(out var late))
        {
            late.Dispose();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryDequeue(out var reader))
        {
            reader.Dispose();
        }
    }

    private static string Select(IModel model)
    {
        var persons = model.FindEntityType(typeof(Person))!;
        var keys = model.FindEntityType(typeof(PersonKey))!;
        Expect(persons, PersonColumns);
        Expect(keys, KeyColumns);
        string Column(IEntityType type, string property) => $"\"{type.FindProperty(property)!.GetColumnName()}\"";
        var selected = PersonColumns.Skip(1).Select(c => "p." + Column(persons, c)).Concat(KeyColumns.Skip(1).Select(c => "k." + Column(keys, c)));
        return $"""
            SELECT {string.Join(", ", selected)} FROM "{persons.GetTableName()}" AS p
            LEFT JOIN "{keys.GetTableName()}" AS k ON k.{Column(keys, nameof(PersonKey.PersonId))} = p.{Column(persons, nameof(Person.Id))}
            WHERE p.{Column(persons, nameof(Person.Id))} = @id
            """;
    }

    private static void Expect(IEntityType type, string[] columns)
    {
        var mapped = type.GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal);
        if (!mapped.SequenceEqual(columns.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            throw new InvalidOperationException($"{type.ClrType.Name}'s mapped properties changed: the gate's SQLite read (SqliteGateRows) must read them all.");
        }
    }

    private sealed class Reader : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _command;
        private readonly SqliteParameter _id;

        public Reader(string connectionString, string sql)
        {
            _connection = new SqliteConnection(connectionString);
            try
            {
                _connection.Open();
                SqlitePragmas.Instance.Apply(_connection);
                _command = _connection.CreateCommand();
                _command.CommandText = sql;
                _id = _command.Parameters.Add("@id", SqliteType.Text);
                _command.Prepare();
            }
            catch
            {
                _connection.Dispose();
                throw;
            }
        }

        public (Person, PersonKey?)? Read(Guid personId)
        {
            // As EF's SQLite provider stores a Guid.
            _id.Value = personId.ToString().ToUpperInvariant();
            using var r = _command.ExecuteReader();
            if (!r.Read())
            {
                return null;
            }

            var person = new Person
            {
                Id = personId,
                PolicyId = r.GetString(0),
                PolicyVersion = r.GetString(1),
                Channel = r.GetString(2),
                State = (PersonState)r.GetInt32(3),
                ProvisionStopped = r.GetBoolean(4),
                SuspendedPurposes = r.IsDBNull(5) ? null : r.GetString(5),
                RegisteredAt = DateTime.SpecifyKind(r.GetDateTime(6), DateTimeKind.Utc),
                UpdatedAt = DateTime.SpecifyKind(r.GetDateTime(7), DateTimeKind.Utc),
                Sealed = r.IsDBNull(8) ? null : r.GetFieldValue<byte[]>(8),
                ItemIds = r.GetString(9),
                Version = r.GetInt32(10),
            };
            var key = r.IsDBNull(12) ? null : new PersonKey { PersonId = personId, KeyId = r.GetString(11), Wrapped = r.GetFieldValue<byte[]>(12) };
            return (person, key);
        }

        public void Dispose()
        {
            _command.Dispose();
            _connection.Dispose();
        }
    }
}
