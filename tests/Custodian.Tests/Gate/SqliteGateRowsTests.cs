using Custodian.Gate;
using Custodian.Tests.Support;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Tests.Gate;

/// <summary>The gate's own SQLite read gives the person and their key exactly as EF's query does.</summary>
public sealed class SqliteGateRowsTests : IDisposable
{
    private static readonly DateTime Instant = new(2026, 11, 22, 5, 55, 1, DateTimeKind.Utc);
    private readonly TestDatabase _database = new();

    [Fact]
    public async Task A_person_and_their_key_are_read_as_EF_reads_them()
    {
        var id = Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
        var bare = Guid.Parse("00000000-0000-0000-0000-0000000000ab");
        await using (var db = await _database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            db.AddRange(
                new Person
                {
                    Id = id, PolicyId = "recruitment", PolicyVersion = "2026-01", Channel = "service-application", State = PersonState.UseSuspended,
                    ProvisionStopped = true, SuspendedPurposes = "a,b", RegisteredAt = Instant.AddTicks(1234567), UpdatedAt = Instant, Sealed = [1, 2, 3],
                    ItemIds = "email,name", Version = 3,
                },
                new Person { Id = bare, Sealed = null, ItemIds = "", RegisteredAt = Instant.AddTicks(10), UpdatedAt = Instant },
                new PersonKey { PersonId = id, KeyId = "kek-1", Wrapped = [9, 8, 7] });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        using var rows = Rows();
        foreach (var person in new[] { id, bare })
        {
            await using var db = await _database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
            var expected = await db.Set<Person>().AsNoTracking().SingleAsync(p => p.Id == person, TestContext.Current.CancellationToken);
            var expectedKey = await db.Set<PersonKey>().AsNoTracking().SingleOrDefaultAsync(k => k.PersonId == person, TestContext.Current.CancellationToken);

            var (read, key) = rows.Read(person)!.Value;

            foreach (var property in typeof(Person).GetProperties())
            {
                Assert.Equal(property.GetValue(expected), property.GetValue(read));
            }

            Assert.Equal(expected.RegisteredAt.Kind, read.RegisteredAt.Kind);
            Assert.Equal((expectedKey?.PersonId, expectedKey?.KeyId), (key?.PersonId, key?.KeyId));
            Assert.Equal(expectedKey?.Wrapped, key?.Wrapped);
        }

        Assert.Null(rows.Read(Guid.NewGuid()));
    }

    [Fact]
    public async Task A_reader_sees_a_key_deleted_after_its_previous_read()
    {
        var id = Guid.NewGuid();
        await using (var db = await _database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            db.AddRange(new Person { Id = id, Sealed = [1], RegisteredAt = Instant, UpdatedAt = Instant }, new PersonKey { PersonId = id, KeyId = "k", Wrapped = [1] });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        using var rows = Rows();
        Assert.NotNull(rows.Read(id)!.Value.Key);
        await using (var db = await _database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            await db.Set<PersonKey>().Where(k => k.PersonId == id).ExecuteDeleteAsync(TestContext.Current.CancellationToken);
        }

        // The kept connection and its prepared statement read the committed state, not a snapshot of the first read.
        Assert.Null(rows.Read(id)!.Value.Key);
    }

    private SqliteGateRows Rows()
    {
        using var db = _database.Factory.CreateDbContext();
        return new SqliteGateRows(db);
    }

    public void Dispose() => _database.Dispose();
}
