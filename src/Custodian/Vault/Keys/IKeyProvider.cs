namespace Custodian.Vault.Keys;

/// <summary>
/// Holds the key-encryption key. The default is a key file under the data folder (<see cref="FileKeyProvider"/>); an
/// external KMS implements the same operations without ever handing the key out (docs/keys.md).
/// </summary>
public interface IKeyProvider
{
    /// <summary>The active key's id, recorded beside every key it wraps; a rotation re-wraps what records another.</summary>
    string KeyId { get; }

    /// <summary>Wraps under the active key.</summary>
    byte[] Wrap(ReadOnlySpan<byte> dataKey, ReadOnlySpan<byte> associatedData);

    /// <summary>
    /// Wraps under the key in use as last seen, without looking whether a rotation replaced it: for keys wrapped by the
    /// thousand, whose writer asks <see cref="ActiveKeyId"/> once before it commits and re-wraps what another key wrapped.
    /// </summary>
    (string KeyId, byte[] Wrapped) WrapAsSeen(ReadOnlySpan<byte> dataKey, ReadOnlySpan<byte> associatedData) => (KeyId, Wrap(dataKey, associatedData));

    /// <summary>The active key's id after looking whether a rotation replaced it (what <see cref="Wrap"/> looks at every call).</summary>
    string ActiveKeyId() => KeyId;

    /// <summary>Opens under the active key or any retired key still held; null when none opens it with this associated data.</summary>
    byte[]? Unwrap(ReadOnlySpan<byte> wrappedKey, ReadOnlySpan<byte> associatedData);

    /// <summary>As above, trying first the key that <paramref name="keyId"/> names (the id recorded when it was wrapped).</summary>
    byte[]? Unwrap(string? keyId, ReadOnlySpan<byte> wrappedKey, ReadOnlySpan<byte> associatedData) => Unwrap(wrappedKey, associatedData);

    /// <summary>A sub-key for one of <see cref="KeyUses"/>, the same before and after every rotation.</summary>
    byte[] DeriveKey(string use);
}
