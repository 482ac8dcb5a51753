using Custodian.Audit;
using Custodian.Consent;
using Custodian.Storage;
using Custodian.Tests.Support;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Tests.Storage;

public sealed class RowWriterTests : IDisposable
{
    private static readonly DateTime Instant = new(2026, 11, 22, 5, 55, 1, DateTimeKind.Utc);
    private readonly List<TestDatabase> _databases = [];

    private TestDatabase Database(string provider)
    {
        var database = new TestDatabase(provider);
        _databases.Add(database);
        return database;
    }

    private static List<object> Rows()
    {
        var id = Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
        return
        [
            new Person
            {
                Id = id, PolicyId = "recruitment", PolicyVersion = "2026-01", Channel = "service-application", State = PersonState.UseSuspended,
                ProvisionStopped = true, RegisteredAt = Instant.AddTicks(1234567), UpdatedAt = Instant, Sealed = [1, 2, 3], ItemIds = "email,name", Version = 3,
            },
            new Person { Id = Guid.Parse("00000000-0000-0000-0000-0000000000ab"), Sealed = null, ItemIds = "", RegisteredAt = Instant.AddTicks(10), UpdatedAt = Instant },
            new PersonKey { PersonId = id, KeyId = "kek-1", Wrapped = [9, 8, 7] },
            new BlindIndex { Kind = "email", Digest = [0, 255, 16], PersonId = id },
            new ConsentRecord { Id = Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c"), PersonId = id, Purpose = "marketing", Given = true, PolicyId = "p", PolicyVersion = "1", Channel = "staff", At = Instant },
            new AuditEvent
            {
                Seq = 1, At = Instant.AddTicks(10), Type = AuditEventType.PersonRegistered, Outcome = AuditOutcome.Refused, Actor = "system",
                PersonId = id, Purpose = "Pérez, ñ", Items = null, PrevHash = [], Hash = [1],
            },
            new AuditEvent { Seq = 2, At = Instant, Type = AuditEventType.PersonRead, Actor = "", PersonId = null, PrevHash = [1], Hash = [2] },
        ];
    }

    private static async Task<List<string>> StoredAsync(TestDatabase database, string table)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var select = connection.CreateCommand();
        if (database.UsesPostgres)
        {
            // A row as PostgreSQL's text of the record: every column, typed as stored.
            select.CommandText = $"SELECT t::text FROM \"{table}\" t ORDER BY 1";
        }
        else
        {
            await using var columns = connection.CreateCommand();
            columns.CommandText = $"SELECT group_concat('quote(\"' || name || '\")', ' || ''|'' || ') FROM pragma_table_info('{table}')";
            select.CommandText = $"SELECT {await columns.ExecuteScalarAsync()} FROM {table} ORDER BY 1";
        }

        var rows = new List<string>();
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    // Every table's rows through RowWriter, in one transaction.
    private static async Task WriteAsync(TestDatabase database, List<object> rows)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        await RowWriter.InsertAsync(db, rows.OfType<Person>().ToList(), default);
        await RowWriter.InsertAsync(db, rows.OfType<PersonKey>().ToList(), default);
        await RowWriter.InsertAsync(db, rows.OfType<BlindIndex>().ToList(), default);
        await RowWriter.InsertAsync(db, rows.OfType<ConsentRecord>().ToList(), default);
        await RowWriter.InsertAsync(db, rows.OfType<AuditEvent>().ToList(), default);
        await tx.CommitAsync();
    }

    public static TheoryData<string, string> Tables() => new MatrixTheoryData<string, string>(
        ["sqlite", "postgres"], ["vault_persons", "vault_person_keys", "vault_blind_indexes", "consent_records", "audit_events"]);

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Rows_written_without_tracking_are_stored_exactly_as_SaveChanges_stores_them(string provider, string table)
    {
        var saved = Database(provider);
        var written = Database(provider);
        await using (var db = await saved.Factory.CreateDbContextAsync())
        {
            db.AddRange(Rows());
            await db.SaveChangesAsync();
        }

        await WriteAsync(written, Rows());

        var expected = await StoredAsync(saved, table);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, await StoredAsync(written, table));
    }

    // More rows than one step of the many-row statement takes, and a remainder written one at a time.
    private static List<object> ManyRows(int count) => Enumerable.Range(1, count).SelectMany(i =>
    {
        var id = new Guid($"0193a1b2-c3d4-7e5f-8a9b-{i:x12}");
        return new object[]
        {
            new Person
            {
                Id = id, PolicyId = "recruitment", PolicyVersion = "2026-01", Channel = "service-application", State = (PersonState)(i % 3),
                ProvisionStopped = i % 2 == 0, SuspendedPurposes = i % 5 == 0 ? "marketing" : null, RegisteredAt = Instant.AddTicks(i * 1_000_001L),
                UpdatedAt = Instant.AddSeconds(i), Sealed = i % 7 == 0 ? null : [(byte)i, 2, 3], ItemIds = $"email,name{i}", Version = i,
            },
            new PersonKey { PersonId = id, KeyId = $"kek-{i % 2}", Wrapped = [(byte)i, 8, 7] },
            new BlindIndex { Kind = i % 2 == 0 ? "email" : "telephone", Digest = [(byte)i, 255, 16], PersonId = id },
            new AuditEvent
            {
                Seq = i, At = Instant.AddTicks(i * 10), Type = AuditEventType.PersonRegistered, Outcome = (AuditOutcome)(i % 2), Actor = "system",
                PersonId = i % 3 == 0 ? null : id, Purpose = i % 4 == 0 ? null : "Pérez, ñ", Items = $"email,{i}", PrevHash = [(byte)(i - 1)], Hash = [(byte)i],
            },
        };
    }).ToList();

    public static TheoryData<string> SqliteTables() => ["vault_persons", "vault_person_keys", "vault_blind_indexes", "audit_events"];

    [Theory]
    [MemberData(nameof(SqliteTables))]
    public async Task Many_rows_written_several_to_a_statement_are_stored_exactly_as_SaveChanges_stores_them(string table)
    {
        var saved = Database("sqlite");
        var written = Database("sqlite");
        await using (var db = await saved.Factory.CreateDbContextAsync())
        {
            db.AddRange(ManyRows(70));
            await db.SaveChangesAsync();
        }

        await WriteAsync(written, ManyRows(70));

        var expected = await StoredAsync(saved, table);
        Assert.Equal(70, expected.Count);
        Assert.Equal(expected, await StoredAsync(written, table));
    }

    [Fact]
    public void Instants_are_bound_in_the_text_Microsoft_Data_Sqlite_writes()
    {
        var random = new Random(24);
        var chars = new char[32];
        var ticks = new[] { 0L, 1, 10, 1_000_000, 9_999_999, 10_000_000, Instant.Ticks, DateTime.MaxValue.Ticks }
            .Concat(Enumerable.Range(0, 20_000).Select(_ => random.NextInt64(DateTime.MaxValue.Ticks)));
        foreach (var tick in ticks)
        {
            var instant = new DateTime(tick, DateTimeKind.Utc);
            var length = RowWriterSqlite.FormatDateTime(instant, chars);
            Assert.Equal(instant.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture), new string(chars, 0, length));
        }
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_row_that_breaks_a_key_is_refused_and_the_transaction_writes_nothing(string provider)
    {
        var written = Database(provider);
        await using (var db = await written.Factory.CreateDbContextAsync())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var key = new PersonKey { PersonId = Guid.NewGuid(), KeyId = "k", Wrapped = [1] };
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => RowWriter.InsertAsync(db, [key, key], default));
        }

        Assert.Empty(await StoredAsync(written, "vault_person_keys"));
    }

    // A batch of 1,000 rows or more goes through Npgsql's binary COPY on PostgreSQL.
    [Fact]
    public async Task A_bulk_copy_with_a_row_that_breaks_a_key_is_refused_and_the_transaction_writes_nothing()
    {
        var written = Database("postgres");
        var keys = Enumerable.Range(0, 1500).Select(_ => new PersonKey { PersonId = Guid.NewGuid(), KeyId = "k", Wrapped = [1] }).ToList();
        keys.Add(keys[700]);
        await using (var db = await written.Factory.CreateDbContextAsync())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => RowWriter.InsertAsync(db, keys, default));
        }

        Assert.Empty(await StoredAsync(written, "vault_person_keys"));
    }

    [Fact]
    public async Task A_row_that_breaks_a_key_among_many_is_refused_and_the_transaction_writes_nothing()
    {
        var written = Database("sqlite");
        await using (var db = await written.Factory.CreateDbContextAsync())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var keys = Enumerable.Range(0, 40).Select(_ => new PersonKey { PersonId = Guid.NewGuid(), KeyId = "k", Wrapped = [1] }).ToList();
            keys[20] = keys[3];
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => RowWriter.InsertAsync(db, keys, default));
        }

        Assert.Empty(await StoredAsync(written, "vault_person_keys"));
    }

    public void Dispose() => _databases.ForEach(d => d.Dispose());
}
