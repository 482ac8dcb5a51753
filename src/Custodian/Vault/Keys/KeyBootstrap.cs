using Custodian.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Custodian.Vault.Keys;

/// <summary>
/// Opens the key file, creating it only while no sealed data exists: a new key over old data would make
/// that data unreadable, so a missing key file then stops the start instead.
/// </summary>
public sealed class KeyBootstrap(IOptions<StorageOptions> options, IDbContextFactory<CustodianDb> factory)
{
    private readonly Lazy<IKeyProvider> _provider = new(() => Open(options.Value, factory));

    public IKeyProvider Provider => _provider.Value;

    private static FileKeyProvider Open(StorageOptions options, IDbContextFactory<CustodianDb> factory)
    {
        var path = FileKeyProvider.PathIn(options.DataDirectory);
        var mayCreate = !File.Exists(path) && !HoldsSealedData(factory);
        var result = FileKeyProvider.Open(path, mayCreate);
        return result.Provider ?? throw new KeyFileException(result.Error!);
    }

    private static bool HoldsSealedData(IDbContextFactory<CustodianDb> factory)
    {
        using var db = factory.CreateDbContext();
        // Before the vault's tables exist there is nothing sealed, and nothing to query.
        return db.Database.GetAppliedMigrations().Contains(VaultMigrationId) && db.Set<PersonKey>().Any();
    }

    private const string VaultMigrationId = "20261122000200_Vault";
}

/// <summary>The key file is missing, unreadable or too open; the message says which and what to do.</summary>
public sealed class KeyFileException(string message) : Exception(message);
