using Custodian.Requests.Letters;

namespace Custodian.Tests.Requests;

public sealed class PdfLetterTests
{
    [Theory]
    [InlineData("保有個人データの開示", "当社が保有するお客様の個人情報は以下のとおりです。")]
    [InlineData("Divulgación de sus Datos Personales", "Respondemos a su solicitud de divulgación: María López, Querétaro.")]
    public void Letter_renders_as_a_pdf_in_each_language(string title, string paragraph)
    {
        LetterFonts.Install(LetterFonts.DefaultPath);

        var pdf = new PdfLetter().Paragraph(paragraph).Heading("Items").Paragraph(string.Concat(Enumerable.Repeat(paragraph + " ", 200))).Render(title);

        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5));
        Assert.True(pdf.Length > 1000);
    }
}
