using Custodian.Common;
using Custodian.Requests;

namespace Custodian.Server.Requests;

/// <summary>Reads a multipart upload (file, kind, holder) the same way for the API and the privacy centre's form.</summary>
internal static class DocumentForms
{
    public static async Task<Result<DocumentUpload>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return Failure.Invalid("file", "document.multipart", "Send the document as multipart/form-data with fields file, kind and holder.");
        }

        var form = await request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("file");
        if (file is null)
        {
            return Failure.Invalid("file", "required", "file is required.");
        }

        var kind = form["kind"].ToString();
        if (kind.Length == 0)
        {
            return Failure.Invalid("kind", "required", "kind is required.");
        }

        var holder = form["holder"].ToString();
        if (holder is not (RequestChecklist.PersonHolder or RequestChecklist.RepresentativeHolder))
        {
            return Failure.Invalid("holder", "document.holder", "holder is person or representative.");
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        return new DocumentUpload(kind, holder, file.ContentType ?? "", buffer.ToArray());
    }
}
