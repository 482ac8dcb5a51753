using Custodian.Storage;
using Custodian.Vault.Keys;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Vault;

/// <summary>The persons' data keys, for a key rotation.</summary>
internal sealed class PersonKeyTable(VaultCrypto crypto, IKeyProvider keys) : IWrappedKeyTable
{
    public Task<int> CountOthersAsync(CustodianDb db, string activeKeyId, CancellationToken cancellationToken) =>
        db.Set<PersonKey>().CountAsync(k => k.KeyId != activeKeyId, cancellationToken);

    public async Task<RewrapBatch> RewrapAsync(CustodianDb db, int batchSize, CancellationToken cancellationToken)
    {
        var active = keys.KeyId;
        var rows = await db.Set<PersonKey>().Where(k => k.KeyId != active).Take(batchSize).ToListAsync(cancellationToken);
        return RewrapBatch.Of(rows, k => k.KeyId, crypto.Rewrap, k => $"person {k.PersonId}");
    }
}
