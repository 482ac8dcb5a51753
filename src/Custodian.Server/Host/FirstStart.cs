using Custodian.Storage;
using Custodian.Vault;
using Custodian.Vault.Keys;
using Microsoft.Extensions.Options;

namespace Custodian.Server.Host;

/// <summary>
/// On the embedded default (SQLite) the schema is migrated at start; PostgreSQL is migrated by
/// <c>custodian db migrate</c>. First the data folder must be its owner's alone; then the key file is opened, or created on a fresh database;
/// then the erasure ledger is replayed.
/// </summary>
internal sealed class FirstStart(IOptions<StorageOptions> storage, DatabaseMigrator migrator, KeyBootstrap keys, IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before anything is written into it: a folder others can enter exposes the database and the key file.
        DataFolder.Prepare(storage.Value.DataDirectory);
        // Before anything reads or writes it: a server older than the schema (a second server not yet upgraded) stops.
        await migrator.EnsureKnownSchemaAsync(cancellationToken);
        if (!storage.Value.UsesPostgres)
        {
            await migrator.MigrateAsync(cancellationToken);
        }

        keys.EnsureChecked();
        // Resolved only now: the replay's services open the key. A person the erasure ledger names is erased again
        // before any request can read them (a database restored from an older backup, an erasure that did not commit).
        await services.GetRequiredService<ErasureReplay>().ReplayAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
