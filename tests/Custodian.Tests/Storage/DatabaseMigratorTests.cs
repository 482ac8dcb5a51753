using Custodian.Storage;
using Custodian.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Custodian.Tests.Storage;

public sealed class DatabaseMigratorTests : IDisposable
{
    private readonly TestDatabase _database = new();

    [Fact]
    public async Task The_migrator_knows_every_migration_EF_finds_in_the_same_order()
    {
        await using var db = await _database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);

        Assert.Equal(db.Database.GetMigrations(), DatabaseMigrator.Migrations);
    }

    [Fact]
    public async Task A_database_missing_a_migration_gets_it_and_an_up_to_date_one_gets_nothing()
    {
        var last = DatabaseMigrator.Migrations[^1];
        await using (var db = await _database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            // Rolled back to the migration before the last one, as a database of the previous release would be.
            await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync(DatabaseMigrator.Migrations[^2], cancellationToken: TestContext.Current.CancellationToken);
        }

        var migrator = new DatabaseMigrator(_database.Factory, Microsoft.Extensions.Options.Options.Create(_database.Options), NullLogger<DatabaseMigrator>.Instance);

        Assert.Equal([last], await migrator.MigrateAsync(TestContext.Current.CancellationToken));
        Assert.Empty(await migrator.MigrateAsync(TestContext.Current.CancellationToken));
        await using var check = await _database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Contains(last, await check.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_database_migrated_by_a_newer_release_is_refused_in_one_line_naming_both_schemas()
    {
        var migrator = new DatabaseMigrator(_database.Factory, Microsoft.Extensions.Options.Options.Create(_database.Options), NullLogger<DatabaseMigrator>.Instance);
        await migrator.EnsureKnownSchemaAsync(TestContext.Current.CancellationToken);
        await using (var db = await _database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('29991231000100_FromTheFuture', '10.0.0')""", TestContext.Current.CancellationToken);
        }

        var refused = await Assert.ThrowsAsync<SchemaNewerException>(() => migrator.EnsureKnownSchemaAsync(TestContext.Current.CancellationToken));

        Assert.DoesNotContain('\n', refused.Message);
        Assert.Contains("29991231000100_FromTheFuture", refused.Message, StringComparison.Ordinal);
        Assert.Contains(DatabaseMigrator.Migrations[^1], refused.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _database.Dispose();
}
