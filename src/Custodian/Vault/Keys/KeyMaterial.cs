using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Custodian.Vault.Keys;

/// <summary>
/// One key-encryption key as a file holds it. A key made at first start is its base64 alone, and its sub-keys are
/// derived from it. A key made by a rotation is JSON that also holds the sub-keys carried over from the key before it,
/// so they never change (see <see cref="KeyUses"/>); a retired key's file names the check value of its successor, which
/// is what lets a start or a running server accept the new key as the old one's legitimate replacement.
/// </summary>
internal sealed class KeyMaterial
{
    public const int Size = 32;
    private readonly byte[] _key;
    private readonly IReadOnlyDictionary<string, byte[]> _derived;

    // Setting an AES key up costs more than wrapping one data key with it; AesGcm is not for sharing between threads.
    private readonly ThreadLocal<AesGcm> _aes;

    private KeyMaterial(byte[] key, IReadOnlyDictionary<string, byte[]> derived, byte[]? successorCheck)
    {
        _key = key;
        _derived = derived;
        SuccessorCheck = successorCheck;
        _aes = new(() => new AesGcm(_key, Aead.TagSize));
        var hash = SHA256.HashData(key);
        Id = "file:" + Convert.ToHexStringLower(hash.AsSpan(0, 4));
        Check = HMACSHA256.HashData(Hkdf(key, "key-check"), "custodian key check v1"u8);
    }

    public string Id { get; }

    /// <summary>A MAC of a fixed label under the key's own "key-check" sub-key (never carried): says nothing about the key.</summary>
    public byte[] Check { get; }

    /// <summary>In a retired key's file: the check value of the key that replaced it.</summary>
    public byte[]? SuccessorCheck { get; }

    /// <summary>The file name a retired key gets under <c>retired/</c>.</summary>
    public string RetiredFileName => Id["file:".Length..] + ".key";

    public AesGcm Aes => _aes.Value!;

    public static KeyMaterial NewFirst() => new(RandomNumberGenerator.GetBytes(Size), new Dictionary<string, byte[]>(), null);

    /// <summary>A new random key that carries this one's sub-keys over.</summary>
    public KeyMaterial NewSuccessor() => new(RandomNumberGenerator.GetBytes(Size), KeyUses.All.ToDictionary(use => use, Derive, StringComparer.Ordinal), null);

    /// <summary>This key as its retired file holds it: the key, and which key replaced it.</summary>
    public KeyMaterial RetiredFor(KeyMaterial successor) => new(_key, new Dictionary<string, byte[]>(), successor.Check);

    /// <summary>A carried sub-key when the file holds one; else derived from this key (a key never rotated, or a use added since).</summary>
    public byte[] Derive(string use) => _derived.TryGetValue(use, out var key) ? key : Hkdf(_key, use);

    public bool IsSameKey(KeyMaterial other) => CryptographicOperations.FixedTimeEquals(Check, other.Check);

    private static byte[] Hkdf(byte[] key, string use) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, key, Size, info: Encoding.UTF8.GetBytes("custodian:" + use));

    public static KeyMaterial? Parse(string text)
    {
        text = text.Trim();
        try
        {
            if (!text.StartsWith('{'))
            {
                var key = Convert.FromBase64String(text);
                return key.Length == Size ? new(key, new Dictionary<string, byte[]>(), null) : null;
            }

            var file = JsonSerializer.Deserialize(text, KeyFileJsonContext.Default.KeyFileJson);
            if (file is not { Version: 2 } || Convert.FromBase64String(file.Key) is not { Length: Size } material)
            {
                return null;
            }

            var derived = (file.Derived ?? []).ToDictionary(d => d.Key, d => Convert.FromBase64String(d.Value), StringComparer.Ordinal);
            return derived.Values.All(d => d.Length == Size)
                ? new(material, derived, file.Successor is null ? null : Convert.FromBase64String(file.Successor))
                : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>A first key is written as its base64 alone, as before rotations existed; any other as JSON.</summary>
    public string Format() => _derived.Count == 0 && SuccessorCheck is null
        ? Convert.ToBase64String(_key)
        : JsonSerializer.Serialize(
            new KeyFileJson(
                2,
                Convert.ToBase64String(_key),
                _derived.Count == 0 ? null : _derived.ToDictionary(d => d.Key, d => Convert.ToBase64String(d.Value), StringComparer.Ordinal),
                SuccessorCheck is null ? null : Convert.ToBase64String(SuccessorCheck)),
            KeyFileJsonContext.Default.KeyFileJson);
}

internal sealed record KeyFileJson(int Version, string Key, Dictionary<string, string>? Derived, string? Successor);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = true)]
[JsonSerializable(typeof(KeyFileJson))]
internal sealed partial class KeyFileJsonContext : JsonSerializerContext;
