using Custodian.Common;

namespace Custodian.Requests;

/// <summary>An uploaded file as it arrives: what it claims to be and its bytes.</summary>
public sealed record DocumentUpload(string Kind, string Holder, string ContentType, byte[] Content);

/// <summary>Only PDF, JPEG and PNG, and a file must be what it claims: the first bytes decide, not the name or header.</summary>
internal static class UploadRules
{
    private static readonly (string ContentType, byte[] Magic)[] Accepted =
    [
        ("application/pdf", "%PDF-"u8.ToArray()),
        ("image/jpeg", [0xFF, 0xD8, 0xFF]),
        ("image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
    ];

    public static Failure? Check(DocumentUpload upload, int maxBytes)
    {
        var declared = Array.Find(Accepted, a => string.Equals(a.ContentType, upload.ContentType, StringComparison.OrdinalIgnoreCase));
        if (declared.ContentType is null)
        {
            return Failure.Invalid("file", "document.type", "Documents are accepted as PDF, JPEG or PNG only.");
        }

        if (upload.Content.Length == 0 || upload.Content.Length > maxBytes)
        {
            return Failure.Invalid("file", "document.size", $"A document must hold between 1 byte and {maxBytes / 1024} KiB.");
        }

        return upload.Content.AsSpan().StartsWith(declared.Magic)
            ? null
            : Failure.Invalid("file", "document.content-mismatch", $"The file's content is not {declared.ContentType}, as it claims.");
    }

    public static string Normalize(string contentType) => contentType.ToLowerInvariant();
}
