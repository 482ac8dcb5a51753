using Custodian.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Custodian.Vault;

/// <summary>
/// Erases again every person the erasure ledger names whom the database still holds: after a restore from a backup
/// taken before their erasure, or an erasure that did not commit after its line was written. Runs at every start and
/// at the end of a restore; a person already erased is left as is, so running it twice changes nothing.
/// </summary>
public sealed class ErasureReplay(ErasureLedger ledger, IDbContextFactory<CustodianDb> factory, IServiceProvider services, ILogger<ErasureReplay> logger)
{
    /// <summary>The audit event's reason for an erasure made from the ledger rather than at someone's request.</summary>
    public const string ReplayedReason = "erasure.replayed-from-ledger";

    private const string VaultMigrationId = "20261122000200_Vault";

    /// <summary>Returns how many persons it erased.</summary>
    public async Task<int> ReplayAsync(CancellationToken cancellationToken = default)
    {
        var erased = ledger.Read();
        if (erased.Count == 0)
        {
            return 0;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // A PostgreSQL database not yet migrated holds nobody.
        if (!DatabaseMigrator.Applied(db).Contains(VaultMigrationId))
        {
            return 0;
        }

        var held = new List<Guid>();
        foreach (var chunk in erased.Distinct().Chunk(1000))
        {
            held.AddRange(await db.Set<Person>().AsNoTracking().Where(p => chunk.Contains(p.Id) && p.State != PersonState.Erased)
                .Select(p => p.Id).ToListAsync(cancellationToken));
        }

        // The vault, its keys and the policies are loaded only when someone is to be erased: most starts find nobody.
        if (held.Count > 0)
        {
            await services.GetRequiredService<PersonVault>().EraseAgainAsync(held, cancellationToken);
        }

        if (held.Count > 0)
        {
            logger.LogWarning("Erased {Count} persons again from the erasure ledger: the database held them after their erasure (a restored backup, or an erasure that did not commit)", held.Count);
        }

        return held.Count;
    }
}
