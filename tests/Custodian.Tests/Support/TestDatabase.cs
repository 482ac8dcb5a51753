using Custodian.Storage;
using Custodian.Vault.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;

namespace Custodian.Tests.Support;

/// <summary>A migrated SQLite database and key file in a temp folder, deleted afterwards.</summary>
public sealed class TestDatabase : IDisposable
{
    public TestDatabase()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("custodian-test-").FullName;
        Options = new StorageOptions { DataDirectory = Directory };
        Factory = new PooledDbContextFactory<CustodianDb>(StorageModule.BuildOptions(Options));
        using var db = Factory.CreateDbContext();
        db.Database.Migrate();
        Keys = new KeyBootstrap(Microsoft.Extensions.Options.Options.Create(Options), Factory).Provider;
    }

    public string Directory { get; }
    public StorageOptions Options { get; }
    public IDbContextFactory<CustodianDb> Factory { get; }
    public IKeyProvider Keys { get; }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
