using Custodian.Audit;
using Custodian.Policy;
using Custodian.Retention;
using Custodian.Staff;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Custodian.Benchmarks.Support;

/// <summary>The server's own services over a fresh SQLite database in a temp folder, or a fresh PostgreSQL database.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private BenchHost(ServiceProvider services, string directory)
    {
        Services = services;
        Directory = directory;
    }

    public ServiceProvider Services { get; }
    public string Directory { get; }

    /// <param name="safeManagement">Also the safe management measures the gate applies to staff: training and pledge
    /// required, the roles' category view limits.</param>
    /// <param name="postgres">On a new database of the cluster that <c>CUSTODIAN_BENCH_POSTGRES</c> names.</param>
    public static async Task<BenchHost> StartAsync(bool safeManagement = false, bool postgres = false)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("custodian-bench-").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
        [
            new("Storage:DataDirectory", directory),
            new("Staff:RequireTraining", safeManagement ? "true" : "false"),
            new("Storage:PostgresConnectionString", postgres ? await NewPostgresDatabaseAsync() : null),
        ]).Build();
        var collection = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(TimeProvider.System)
            .AddStorage(configuration)
            .AddPolicy(configuration)
            .AddAudit(configuration)
            .AddVault()
            .AddRetention(configuration);
        if (safeManagement)
        {
            collection.AddStaffAccounts();
        }

        var services = collection.BuildServiceProvider();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        return new BenchHost(services, directory);
    }

    /// <summary>A new database on the cluster that the environment variable <paramref name="admin"/> names; its connection string.</summary>
    public static async Task<string> NewPostgresDatabaseAsync(string admin = "CUSTODIAN_BENCH_POSTGRES")
    {
        admin = Environment.GetEnvironmentVariable(admin) ?? throw new InvalidOperationException($"Set {admin} for the postgres run.");
        var name = "bench_" + Guid.NewGuid().ToString("N")[..8];
        await using var connection = new Npgsql.NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE {name}";
        await command.ExecuteNonQueryAsync();
        return new Npgsql.NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public IDbContextFactory<CustodianDb> Db => Get<IDbContextFactory<CustodianDb>>();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
