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

/// <summary>The server's own services over a fresh SQLite database in a temp folder.</summary>
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
    public static async Task<BenchHost> StartAsync(bool safeManagement = false)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("custodian-bench-").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
        [
            new("Storage:DataDirectory", directory),
            new("Staff:RequireTraining", safeManagement ? "true" : "false"),
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

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public IDbContextFactory<CustodianDb> Db => Get<IDbContextFactory<CustodianDb>>();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
