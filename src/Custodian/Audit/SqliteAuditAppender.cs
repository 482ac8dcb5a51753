using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Audit;

/// <summary>
/// The group commit's writer on SQLite: one connection kept open for the log's lifetime, with the head read, the
/// erasure barrier's look-up and the insert prepared once. Opened per group through EF, each commit paid for a pooled
/// connection's set-up and two statements compiled again, and that fixed cost, not the fsync, was what a read's audit
/// event waited for.
/// Events that go with a change still commit through EF in the change's own transaction (<see cref="AuditLog.CommitAsync(Storage.CustodianDb, IReadOnlyList{AuditEntry}, CancellationToken)"/>).
/// </summary>
internal sealed class SqliteAuditAppender : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _head;
    private readonly SqliteCommand _erased;
    private readonly SqliteParameter _persons;
    private readonly Storage.RowWriter.SqliteInsert _insert;

    public SqliteAuditAppender(Storage.CustodianDb db)
    {
        // Its own connection, outside the pool: it is never handed to anyone else, and closes when the log does.
        var connectionString = new SqliteConnectionStringBuilder(db.Database.GetDbConnection().ConnectionString) { Pooling = false }.ToString();
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        Storage.SqlitePragmas.Instance.Apply(_connection);
        _head = _connection.CreateCommand();
        _head.CommandText = AuditRows.HeadSql;
        _head.Prepare();
        _erased = _connection.CreateCommand();
        _erased.CommandText = Vault.ErasureBarrier.SqliteSql;
        _persons = _erased.Parameters.Add("@persons", SqliteType.Text);
        _erased.Prepare();
        _insert = Storage.RowWriter.PrepareSqlite<AuditEvent>(db.Model, _connection);
    }

    /// <summary>
    /// Appends the events <paramref name="chain"/> makes from the head and the erased among <paramref name="persons"/>, in
    /// one durable transaction; returns those erased.
    /// </summary>
    public IReadOnlySet<Guid> Append(Guid[] persons, Func<(long Seq, byte[] Hash), IReadOnlySet<Guid>, List<AuditEvent>> chain)
    {
        // BEGIN IMMEDIATE: the head is read under the write lock, so another process's writer cannot slip in between.
        using var transaction = _connection.BeginTransaction(deferred: false);
        _head.Transaction = transaction;
        (long, byte[]) head;
        using (var reader = _head.ExecuteReader())
        {
            head = reader.Read() ? (reader.GetInt64(0), (byte[])reader.GetValue(1)) : (0, AuditHash.Genesis);
        }

        var erased = persons.Length == 0 ? Vault.ErasureBarrier.None : Erased(persons, transaction);
        _insert.Insert(chain(head, erased));
        transaction.Commit();
        return erased;
    }

    private HashSet<Guid> Erased(Guid[] persons, SqliteTransaction transaction)
    {
        _erased.Transaction = transaction;
        _persons.Value = Vault.ErasureBarrier.SqliteParameter(persons);
        var erased = new HashSet<Guid>();
        using var reader = _erased.ExecuteReader();
        while (reader.Read())
        {
            erased.Add(Guid.Parse(reader.GetString(0)));
        }

        return erased;
    }

    public void Dispose()
    {
        _insert.Dispose();
        _head.Dispose();
        _erased.Dispose();
        _connection.Dispose();
    }
}
