using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Custodian.Vault.Keys;

namespace Custodian.Requests;

/// <summary>
/// Each request has its own data key, wrapped by the key-encryption key like a person's: the form and the
/// documents are sealed with it, so disposing of the form destroys the key and every copy becomes unreadable.
/// </summary>
internal sealed class RequestCrypto(IKeyProvider keys)
{
    private readonly byte[] _secretKey = keys.DeriveKey("request-secret");

    public byte[] NewKey(DataRequest request)
    {
        var dataKey = RandomNumberGenerator.GetBytes(32);
        request.KeyId = keys.KeyId;
        request.WrappedKey = keys.Wrap(dataKey, Aad(request.Id, "key"));
        return dataKey;
    }

    public byte[] OpenKey(DataRequest request) =>
        keys.Unwrap(request.KeyId, request.WrappedKey, Aad(request.Id, "key"))
        ?? throw new InvalidOperationException($"Request {request.Id}'s data key does not open.");

    public static byte[] SealForm(Guid requestId, byte[] dataKey, RequestForm form) =>
        Aead.Seal(dataKey, JsonSerializer.SerializeToUtf8Bytes(form, RequestJson.Default.RequestForm), Aad(requestId, "form"));

    public RequestForm? OpenForm(DataRequest request)
    {
        if (request.SealedForm is null)
        {
            return null;
        }

        var json = Aead.Open(OpenKey(request), request.SealedForm, Aad(request.Id, "form"))
            ?? throw new InvalidOperationException($"Request {request.Id}'s form does not open.");
        return JsonSerializer.Deserialize(json, RequestJson.Default.RequestForm);
    }

    public static byte[] SealDocument(Guid documentId, byte[] dataKey, ReadOnlySpan<byte> content) =>
        Aead.Seal(dataKey, content, Aad(documentId, "document"));

    public byte[] OpenDocument(DataRequest request, RequestDocument document) =>
        Aead.Open(OpenKey(request), document.Sealed ?? throw new InvalidOperationException("The document has been disposed of."), Aad(document.Id, "document"))
        ?? throw new InvalidOperationException($"Document {document.Id} does not open.");

    /// <summary>A keyed hash of the status-page secret; a stolen database gives no way to test guesses offline.</summary>
    public byte[] HashSecret(string secret) => HMACSHA256.HashData(_secretKey, Encoding.UTF8.GetBytes(secret));

    public bool SecretMatches(DataRequest request, string secret) =>
        CryptographicOperations.FixedTimeEquals(request.SecretHash, HashSecret(secret));

    // Binding each ciphertext to its record and role stops it being moved onto another.
    internal static byte[] Aad(Guid id, string role) => [.. id.ToByteArray(bigEndian: true), .. Encoding.ASCII.GetBytes(role)];
}
