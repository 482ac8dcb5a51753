using Custodian.Requests;

namespace Custodian.Tests.Requests;

public sealed class UploadRulesTests
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3];

    [Theory]
    [InlineData("application/pdf", new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 })]
    [InlineData("image/jpeg", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 })]
    [InlineData("IMAGE/PNG", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 })]
    public void Pdf_jpeg_and_png_that_are_what_they_claim_are_accepted(string contentType, byte[] content) =>
        Assert.Null(UploadRules.Check(new DocumentUpload("passport", "person", contentType, content), 1024));

    [Theory]
    [InlineData("image/gif", "document.type")]
    [InlineData("application/pdf", "document.content-mismatch")]
    [InlineData("image/png", "document.content-mismatch")]
    public void Other_types_and_files_that_lie_about_their_type_are_refused(string contentType, string code) =>
        Assert.Equal(code, UploadRules.Check(new DocumentUpload("passport", "person", contentType, Jpeg), 1024)?.Code);

    [Fact]
    public void Empty_and_oversized_files_are_refused()
    {
        Assert.Equal("document.size", UploadRules.Check(new DocumentUpload("passport", "person", "image/jpeg", []), 1024)?.Code);
        Assert.Equal("document.size", UploadRules.Check(new DocumentUpload("passport", "person", "image/jpeg", [.. Jpeg, .. new byte[1024]]), 1024)?.Code);
    }
}
