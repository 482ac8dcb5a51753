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
        var dataKey = RandomNumberGenerator.GetBytes(32);
        return (new PersonKey { PersonId = personId, KeyId = keys.KeyId, Wrapped = keys.Wrap(dataKey, Aad(personId)) }, dataKey);
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
