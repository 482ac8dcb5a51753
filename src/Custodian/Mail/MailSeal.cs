using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Custodian.Vault.Keys;

namespace Custodian.Mail;

/// <summary>What a queued message says and to whom; only ever held sealed.</summary>
internal sealed record MailContent(string To, string Subject, string Body);

[JsonSerializable(typeof(MailContent))]
[JsonSerializable(typeof(string))]
internal sealed partial class MailJson : JsonSerializerContext;

/// <summary>
/// Each outbox row and each contact has its own data key, wrapped by the key-encryption key like a request's: a
/// stolen database reads no address or body, a key rotation re-wraps them (<see cref="MailKeyTable"/>), and
/// dropping the wrapped key destroys what it sealed.
/// </summary>
internal sealed class MailSeal(IKeyProvider keys)
{
    public (string KeyId, byte[] Wrapped, byte[] Sealed) Seal<T>(Guid id, string role, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        var dataKey = RandomNumberGenerator.GetBytes(32);
        try
        {
            var wrapped = keys.Wrap(dataKey, Aad(id, role + "-key"));
            return (keys.KeyId, wrapped, Aead.Seal(dataKey, JsonSerializer.SerializeToUtf8Bytes(value, type), Aad(id, role)));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>Null when the key is gone (sent, erased) or does not open.</summary>
    public T? Open<T>(Guid id, string role, string keyId, byte[] wrapped, byte[]? sealedData, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        if (wrapped.Length == 0 || sealedData is null || keys.Unwrap(keyId, wrapped, Aad(id, role + "-key")) is not { } dataKey)
        {
            return null;
        }

        var json = Aead.Open(dataKey, sealedData, Aad(id, role));
        CryptographicOperations.ZeroMemory(dataKey);
        return json is null ? null : JsonSerializer.Deserialize(json, type);
    }

    internal static byte[] Aad(Guid id, string role) => [.. id.ToByteArray(bigEndian: true), .. Encoding.ASCII.GetBytes(role)];
}

/// <summary>The outbox's data keys, for a key rotation; a sent or erased message's key is empty and stays so.</summary>
internal sealed class MailKeyTable : IWrappedKeyTable
{
    public WrappedKeyColumns Columns { get; } = new("mail", typeof(MailOutboxEntry), nameof(MailOutboxEntry.Id), nameof(MailOutboxEntry.KeyId), nameof(MailOutboxEntry.WrappedKey));

    public byte[] AssociatedData(Guid id) => MailSeal.Aad(id, "mail-key");
}

/// <summary>The contacts' data keys, for a key rotation.</summary>
internal sealed class MailContactKeyTable : IWrappedKeyTable
{
    public WrappedKeyColumns Columns { get; } = new("mail contact", typeof(MailContact), nameof(MailContact.Id), nameof(MailContact.KeyId), nameof(MailContact.WrappedKey));

    public byte[] AssociatedData(Guid id) => MailSeal.Aad(id, "contact-key");
}
