using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Custodian.Requests.Letters;

/// <summary>A plain A4 letter: a title, then paragraphs wrapped to the page, with pages added as needed.</summary>
internal sealed class PdfLetter
{
    private const double Margin = 56;
    private readonly List<(string Text, bool Heading)> _blocks = [];

    public PdfLetter Heading(string text)
    {
        _blocks.Add((text, true));
        return this;
    }

    public PdfLetter Paragraph(string text)
    {
        _blocks.Add((text, false));
        return this;
    }

    public byte[] Render(string title)
    {
        using var document = new PdfDocument();
        document.Info.Title = title;
        var body = new XFont(LetterFonts.Family, 10);
        var heading = new XFont(LetterFonts.Family, 12, XFontStyleEx.Bold);
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        var gfx = XGraphics.FromPdfPage(page);
        var width = page.Width.Point - 2 * Margin;
        var y = Margin;
        foreach (var (text, isHeading) in _blocks.Prepend((title, true)))
        {
            var font = isHeading ? heading : body;
            var lineHeight = font.GetHeight() * 1.25;
            y += isHeading ? lineHeight / 2 : 0;
            foreach (var line in text.Split('\n').SelectMany(l => Wrap(gfx, l, font, width)))
            {
                if (y + lineHeight > page.Height.Point - Margin)
                {
                    gfx.Dispose();
                    page = document.AddPage();
                    page.Size = PdfSharp.PageSize.A4;
                    gfx = XGraphics.FromPdfPage(page);
                    y = Margin;
                }

                gfx.DrawString(line, font, XBrushes.Black, new XPoint(Margin, y + font.GetHeight()));
                y += lineHeight;
            }

            y += lineHeight / 3;
        }

        gfx.Dispose();
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    // Words wrap at spaces; text without spaces (Japanese) or an over-long word wraps between characters.
    private static IEnumerable<string> Wrap(XGraphics gfx, string text, XFont font, double width)
    {
        if (text.Length == 0)
        {
            yield return "";
            yield break;
        }

        var line = "";
        foreach (var word in text.Split(' '))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (gfx.MeasureString(candidate, font).Width <= width)
            {
                line = candidate;
                continue;
            }

            if (line.Length > 0)
            {
                yield return line;
            }

            line = "";
            foreach (var ch in word)
            {
                if (gfx.MeasureString(line + ch, font).Width > width && line.Length > 0)
                {
                    yield return line;
                    line = "";
                }

                line += ch;
            }
        }

        yield return line;
    }
}
