using Custodian.Vault.Keys;

namespace Custodian.Staff;

/// <summary>Seals TOTP secrets at rest, bound to their account, under a sub-key of the key provider.</summary>
internal sealed class TotpSecrets(IKeyProvider keys)
{
    private readonly Lazy<byte[]> _key = new(() => keys.DeriveKey("totp"));

    public byte[] Seal(Guid accountId, ReadOnlySpan<byte> secret) => Aead.Seal(_key.Value, secret, Aad(accountId));

    public byte[] Open(Guid accountId, byte[] sealedSecret) =>
        Aead.Open(_key.Value, sealedSecret, Aad(accountId))
        ?? throw new InvalidOperationException($"The TOTP secret of staff account {accountId} does not open with the current key.");

    private static byte[] Aad(Guid accountId) => accountId.ToByteArray(bigEndian: true);
}
