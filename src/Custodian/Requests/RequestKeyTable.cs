using Custodian.Storage;
using Custodian.Vault.Keys;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Requests;

/// <summary>The requests' data keys (their forms and documents), for a key rotation; a disposed form's key is gone already.</summary>
internal sealed class RequestKeyTable(RequestCrypto crypto, IKeyProvider keys) : IWrappedKeyTable
{
    public Task<int> CountOthersAsync(CustodianDb db, string activeKeyId, CancellationToken cancellationToken) =>
        Others(db, activeKeyId).CountAsync(cancellationToken);

    public async Task<RewrapBatch> RewrapAsync(CustodianDb db, int batchSize, CancellationToken cancellationToken)
    {
        var rows = await Others(db, keys.KeyId).Take(batchSize).ToListAsync(cancellationToken);
        return RewrapBatch.Of(rows, r => r.KeyId, crypto.Rewrap, r => $"request {r.Id}");
    }

    private static readonly byte[] Destroyed = [];

    private static IQueryable<DataRequest> Others(CustodianDb db, string activeKeyId) =>
        db.Set<DataRequest>().Where(r => r.KeyId != activeKeyId && r.WrappedKey != Destroyed);
}
