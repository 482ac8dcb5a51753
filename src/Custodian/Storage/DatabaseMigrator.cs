using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Custodian.Storage;

/// <summary>Applies the hand-written migrations (see Storage/Migrations) to whichever provider is configured.</summary>
public sealed class DatabaseMigrator(IDbContextFactory<CustodianDb> factory, ILogger<DatabaseMigrator> logger)
{
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
        {
            // Every command starts here: an up-to-date database costs one read of the history, not EF's migration run.
            return pending;
        }

        await db.Database.MigrateAsync(cancellationToken);
        foreach (var migration in pending)
        {
            logger.LogInformation("Applied migration {Migration} on {Provider}", migration, db.Database.ProviderName);
        }

        return pending;
    }
}
