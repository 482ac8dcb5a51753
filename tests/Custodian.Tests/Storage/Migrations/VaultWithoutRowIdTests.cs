using Custodian.Storage;
using Custodian.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Tests.Storage.Migrations;

/// <summary>
/// On SQLite the blind indexes and wrapped keys are rebuilt as <c>WITHOUT ROWID</c> tables: the rows a database of the
/// previous release holds are all still there, found by their keys, and the rebuild can be rolled back.
/// </summary>
public sealed class VaultWithoutRowIdTests : IDisposable
{
    private const string Migration = "20261211100100_VaultWithoutRowId";
    private readonly TestDatabase _database = new();

    private string Sql(string table)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_database.Directory, "custodian.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '{table}'";
        return (string)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task A_migrated_database_keeps_its_blind_indexes_and_keys_in_tables_without_rowids()
    {
        var ct = TestContext.Current.CancellationToken;
        var before = DatabaseMigrator.Migrations[Array.IndexOf(DatabaseMigrator.Migrations, Migration) - 1];
        var person = Guid.CreateVersion7();
        await using (var db = await _database.Factory.CreateDbContextAsync(ct))
        {
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(before, cancellationToken: ct);
            Assert.DoesNotContain("WITHOUT ROWID", Sql("vault_blind_indexes"), StringComparison.Ordinal);
            await db.Database.ExecuteSqlRawAsync(
                """INSERT INTO vault_blind_indexes ("Kind", "Digest", "PersonId") VALUES ('email', x'0102', {0}), ('telephone', x'0304', {0})""", [person.ToString().ToUpperInvariant()], ct);
            await db.Database.ExecuteSqlRawAsync(
                """INSERT INTO vault_person_keys ("PersonId", "KeyId", "Wrapped") VALUES ({0}, 'k1', x'0506')""", [person.ToString().ToUpperInvariant()], ct);

            await migrator.MigrateAsync(cancellationToken: ct);
        }

        Assert.EndsWith("WITHOUT ROWID", Sql("vault_blind_indexes"), StringComparison.Ordinal);
        Assert.EndsWith("WITHOUT ROWID", Sql("vault_person_keys"), StringComparison.Ordinal);
        await using (var db = await _database.Factory.CreateDbContextAsync(ct))
        {
            Assert.Equal(2, await db.Set<Custodian.Vault.BlindIndex>().CountAsync(b => b.PersonId == person, ct));
            Assert.Equal("k1", (await db.Set<Custodian.Vault.PersonKey>().SingleAsync(k => k.PersonId == person, ct)).KeyId);
            await db.GetService<IMigrator>().MigrateAsync(before, cancellationToken: ct);
            Assert.DoesNotContain("WITHOUT ROWID", Sql("vault_person_keys"), StringComparison.Ordinal);
            Assert.Equal(2, await db.Set<Custodian.Vault.BlindIndex>().CountAsync(b => b.PersonId == person, ct));
        }
    }

    public void Dispose() => _database.Dispose();
}
