using System.Data.Common;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.Storage;

/// <summary>
/// Without a model snapshot EF cannot tell whether migrations match the model, so this compares the
/// schema the hand-written migrations build with the one <c>EnsureCreated</c> builds from the model.
/// </summary>
public sealed class SchemaDriftTests
{
    [Fact]
    public async Task Sqlite_migrations_build_the_schema_of_the_model()
    {
        var migrated = Directory.CreateTempSubdirectory("drift-m-").FullName;
        var created = Directory.CreateTempSubdirectory("drift-c-").FullName;
        try
        {
            var fromMigrations = await SchemaAsync(new StorageOptions { DataDirectory = migrated }, migrate: true);
            var fromModel = await SchemaAsync(new StorageOptions { DataDirectory = created }, migrate: false);
            Assert.NotEmpty(fromModel);
            Assert.Equal(fromModel, fromMigrations);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(migrated, true);
            Directory.Delete(created, true);
        }
    }

    [Fact]
    public async Task Postgres_migrations_build_the_schema_of_the_model()
    {
        var fromMigrations = await SchemaAsync(await NewPostgresAsync(), migrate: true);
        var fromModel = await SchemaAsync(await NewPostgresAsync(), migrate: false);

        Assert.NotEmpty(fromModel);
        Assert.Equal(fromModel, fromMigrations);
    }

    private static async Task<StorageOptions> NewPostgresAsync()
    {
        var name = "drift_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new Npgsql.NpgsqlConnection(PostgresApp.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE {name}";
        await command.ExecuteNonQueryAsync();
        return new StorageOptions { PostgresConnectionString = new Npgsql.NpgsqlConnectionStringBuilder(PostgresApp.AdminConnectionString) { Database = name }.ToString() };
    }

    private static async Task<List<string>> SchemaAsync(StorageOptions options, bool migrate)
    {
        await using var db = new CustodianDb(StorageModule.BuildOptions(options));
        if (migrate)
        {
            await db.Database.MigrateAsync();
        }
        else
        {
            await db.Database.EnsureCreatedAsync();
        }

        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var sql = options.UsesPostgres
            ? """
              SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' null=' || is_nullable
              FROM information_schema.columns WHERE table_schema = 'public' AND left(table_name, 4) <> '__EF'
              UNION ALL
              SELECT 'index ' || tablename || ' ' || regexp_replace(indexdef, '^.* USING ', '') || ' ' || (indexdef LIKE 'CREATE UNIQUE%')::text
              FROM pg_indexes WHERE schemaname = 'public' AND left(tablename, 4) <> '__EF'
              """
            : """
              SELECT 'column ' || m.name || '.' || c.name || ' ' || c.type || ' notnull=' || c."notnull" || ' pk=' || c.pk
              FROM sqlite_master m JOIN pragma_table_info(m.name) c
              WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND substr(m.name, 1, 4) <> '__EF'
              UNION ALL
              SELECT 'index ' || m.name || ' ' || il.name || ' unique=' || il."unique" || ' ' || ii.seqno || ':' || ii.name
              FROM sqlite_master m JOIN pragma_index_list(m.name) il JOIN pragma_index_info(il.name) ii
              WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND substr(m.name, 1, 4) <> '__EF'
              """;
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var rows = new List<string>();
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
