using QRCoder;

namespace Custodian.Server.Staff;

internal static class QrCodes
{
    /// <summary>A PNG data URI, so the enrolment page needs no script and no second request.</summary>
    public static string PngDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        using var png = new PngByteQRCode(data);
        return "data:image/png;base64," + Convert.ToBase64String(png.GetGraphic(6));
    }
}
