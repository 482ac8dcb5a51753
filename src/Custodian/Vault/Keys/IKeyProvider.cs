namespace Custodian.Vault.Keys;

/// <summary>
/// Holds the key-encryption key. The default is a key file under the data folder; an external KMS
/// implements the same three operations without ever handing the key out.
/// </summary>
public interface IKeyProvider
{
    string KeyId { get; }

    byte[] Wrap(ReadOnlySpan<byte> dataKey, ReadOnlySpan<byte> associatedData);

    /// <summary>Returns null when the wrapped key does not open with this key and associated data.</summary>
    byte[]? Unwrap(ReadOnlySpan<byte> wrappedKey, ReadOnlySpan<byte> associatedData);

    /// <summary>A stable sub-key for one use (blind indexes, checkpoint signatures).</summary>
    byte[] DeriveKey(string use);
}
