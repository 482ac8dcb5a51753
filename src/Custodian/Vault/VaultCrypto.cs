using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Custodian.Vault.Keys;

namespace Custodian.Vault;

/// <summary>
/// Envelope encryption per person. Only the vault (to seal) and the gate (to open, after auditing)
/// call this: no other path decrypts.
/// </summary>
public sealed class VaultCrypto(IKeyProvider keys)
{
    // A keyed HMAC reused per thread: a one-shot HMAC sets a new MAC context up in OpenSSL on every call.
    private readonly ThreadLocal<IncrementalHash> _blindIndex = new(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, keys.DeriveKey("blind-index")));

    public (PersonKey Key, byte[] DataKey) NewKey(Guid personId)
    {
        var dataKey = RandomBytes.GetBytes(32);
        return (new PersonKey { PersonId = personId, KeyId = keys.KeyId, Wrapped = keys.Wrap(dataKey, Aad(personId)) }, dataKey);
    }

    /// <summary>
    /// A new data key wrapped under the key last seen, without a look at the key files per key (a stat each, a tenth of
    /// an import's seal); the writer calls <see cref="RewrapStale"/> before it commits them.
    /// </summary>
    public (PersonKey Key, byte[] DataKey) NewKeyForBatch(Guid personId)
    {
        var dataKey = RandomBytes.GetBytes(32);
        var (keyId, wrapped) = keys.WrapAsSeen(dataKey, Aad(personId));
        return (new PersonKey { PersonId = personId, KeyId = keyId, Wrapped = wrapped }, dataKey);
    }

    /// <summary>
    /// Re-wraps under the active key the keys a rotation has retired since they were wrapped, so no key committed after a
    /// rotation's last pass is left under the retired key. Looks at the key files once. Returns how many it re-wrapped.
    /// </summary>
    public int RewrapStale(IEnumerable<PersonKey> batch)
    {
        var active = keys.ActiveKeyId();
        var rewrapped = 0;
        foreach (var key in batch)
        {
            if (key.KeyId != active)
            {
                var dataKey = OpenKey(key) ?? throw new InvalidOperationException($"Person {key.PersonId}'s new data key does not open.");
                (key.KeyId, key.Wrapped) = keys.WrapAsSeen(dataKey, Aad(key.PersonId));
                rewrapped++;
            }
        }

        return rewrapped;
    }

    public byte[]? OpenKey(PersonKey key) => keys.Unwrap(key.KeyId, key.Wrapped, Aad(key.PersonId));

    public static byte[] Seal(Guid personId, byte[] dataKey, IReadOnlyDictionary<string, string> items) =>
        Aead.Seal(dataKey, JsonSerializer.SerializeToUtf8Bytes(items, VaultJson.Default.IReadOnlyDictionaryStringString), Aad(personId));

    public static Dictionary<string, string>? Open(Guid personId, byte[] dataKey, byte[] sealedItems)
    {
        var json = Aead.Open(dataKey, sealedItems, Aad(personId));
        return json is null ? null : JsonSerializer.Deserialize(json, VaultJson.Default.DictionaryStringString);
    }

    public byte[] BlindIndex(string kind, string normalizedValue)
    {
        var hmac = _blindIndex.Value!;
        // The MAC of "kind\nvalue" in UTF-8, encoded on the stack instead of into a joined string and a new array.
        var max = Encoding.UTF8.GetMaxByteCount(kind.Length + 1 + normalizedValue.Length);
        Span<byte> text = max <= 512 ? stackalloc byte[512] : new byte[max];
        var length = Encoding.UTF8.GetBytes(kind, text);
        text[length++] = (byte)'\n';
        length += Encoding.UTF8.GetBytes(normalizedValue, text[length..]);
        hmac.AppendData(text[..length]);
        return hmac.GetHashAndReset();
    }

    // Binding the ciphertext to the person stops a sealed record being moved onto someone else.
    internal static byte[] Aad(Guid personId) => personId.ToByteArray(bigEndian: true);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class VaultJson : System.Text.Json.Serialization.JsonSerializerContext;
