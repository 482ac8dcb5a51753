using System.Text.Json;
using System.Text.Json.Serialization;

namespace Custodian.Backup;

/// <summary>
/// What a backup file says about itself, written before its content: enough to refuse it (format, installation, key,
/// schema) before anything is restored, and to record the restore in the chain (its head).
/// </summary>
public sealed record BackupManifest(
    int Format,
    Guid? Installation,
    string Provider,
    string Schema,
    DateTimeOffset CreatedAt,
    long HeadSeq,
    string HeadHash,
    string KeyCheck,
    string Content,
    long ContentLength,
    string ContentSha256)
{
    public const int CurrentFormat = 1;

    public const string EntryName = "manifest.json";

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, ManifestJson.Default.BackupManifest);

    /// <summary>Null when the bytes are not a manifest.</summary>
    public static BackupManifest? FromJson(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ManifestJson.Default.BackupManifest);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(BackupManifest))]
internal sealed partial class ManifestJson : JsonSerializerContext;
