using Custodian.Storage;
using Custodian.Vault.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;

namespace Custodian.Tests.Support;

/// <summary>
/// A migrated database and key file in a temp folder, deleted afterwards: SQLite in the folder, or, for
/// <c>postgres</c>, a database of its own on the cluster that scripts/test.sh starts (<c>CUSTODIAN_TEST_POSTGRES</c>).
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private readonly string? _postgresDatabase;

    public TestDatabase(string provider = "sqlite")
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("custodian-test-").FullName;
        Options = new StorageOptions { DataDirectory = Directory };
        if (provider == "postgres")
        {
            _postgresDatabase = "custodian_unit_" + Guid.NewGuid().ToString("N")[..12];
            Admin($"CREATE DATABASE {_postgresDatabase}");
            Options.PostgresConnectionString = new Npgsql.NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = _postgresDatabase }.ToString();
        }

        Factory = new PooledDbContextFactory<CustodianDb>(StorageModule.BuildOptions(Options));
        using var db = Factory.CreateDbContext();
        db.Database.Migrate();
        Keys = new KeyBootstrap(Microsoft.Extensions.Options.Options.Create(Options), Factory, TimeProvider.System).Provider;
    }

    public string Directory { get; }
    public StorageOptions Options { get; }
    public IDbContextFactory<CustodianDb> Factory { get; }
    public IKeyProvider Keys { get; }

    public bool UsesPostgres => _postgresDatabase is not null;

    internal static string AdminConnectionString => Environment.GetEnvironmentVariable("CUSTODIAN_TEST_POSTGRES")
        ?? throw new InvalidOperationException("CUSTODIAN_TEST_POSTGRES is not set: run the tests through scripts/test.sh, which starts a PostgreSQL cluster.");

    /// <summary>Runs a statement on the test cluster's administrative database (CREATE, DROP DATABASE).</summary>
    internal static void Admin(string sql)
    {
        using var connection = new Npgsql.NpgsqlConnection(AdminConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_postgresDatabase is not null)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            Admin($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)");
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
