using Custodian.Vault.Keys;

namespace Custodian.Requests;

/// <summary>The requests' data keys (their forms and documents), for a key rotation; a disposed form's key is empty, and stays so.</summary>
internal sealed class RequestKeyTable : IWrappedKeyTable
{
    public WrappedKeyColumns Columns { get; } = new("request", typeof(DataRequest), nameof(DataRequest.Id), nameof(DataRequest.KeyId), nameof(DataRequest.WrappedKey));

    public byte[] AssociatedData(Guid id) => RequestCrypto.Aad(id, "key");
}
