using Custodian.Vault.Keys;

namespace Custodian.Vault;

/// <summary>The persons' data keys, for a key rotation.</summary>
internal sealed class PersonKeyTable : IWrappedKeyTable
{
    public WrappedKeyColumns Columns { get; } = new("person", typeof(PersonKey), nameof(PersonKey.PersonId), nameof(PersonKey.KeyId), nameof(PersonKey.Wrapped));

    public byte[] AssociatedData(Guid id) => VaultCrypto.Aad(id);
}
