using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace Custodian.Tests.Support;

/// <summary>
/// The text a PDF reader would extract: each page's shown strings, mapped to Unicode through the fonts' ToUnicode maps
/// (glyph ids, as PDFsharp writes Unicode fonts) or read as single-byte text. Proves the text is in the file as text.
/// </summary>
public static partial class PdfText
{
    public static string Extract(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        var text = new StringBuilder();
        foreach (var page in document.Pages)
        {
            var map = new Dictionary<int, string>();
            var fonts = page.Resources.Elements.GetDictionary("/Font");
            foreach (var name in fonts?.Elements.Keys ?? [])
            {
                if (fonts!.Elements.GetDictionary(name)?.Elements.GetDictionary("/ToUnicode")?.Stream is { } cmap)
                {
                    ReadCmap(Encoding.ASCII.GetString(cmap.UnfilteredValue), map);
                }
            }

            var content = Encoding.Latin1.GetString(page.Contents.CreateSingleContent().Stream.UnfilteredValue);
            foreach (Match shown in Shown().Matches(content))
            {
                if (shown.Groups["hex"].Success)
                {
                    var hex = Regex.Replace(shown.Groups["hex"].Value, @"\s", "");
                    for (var i = 0; i + 4 <= hex.Length; i += 4)
                    {
                        text.Append(map.GetValueOrDefault(int.Parse(hex.AsSpan(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture), "?"));
                    }
                }
                else
                {
                    text.Append(Regex.Unescape(shown.Groups["literal"].Value.Replace(@"\(", "(", StringComparison.Ordinal).Replace(@"\)", ")", StringComparison.Ordinal)));
                }

                text.Append('\n');
            }
        }

        return text.ToString();
    }

    private static void ReadCmap(string cmap, Dictionary<int, string> map)
    {
        foreach (Match block in Regex.Matches(cmap, @"beginbfchar(.*?)endbfchar", RegexOptions.Singleline))
        {
            foreach (Match pair in Regex.Matches(block.Groups[1].Value, @"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>"))
            {
                map[Hex(pair.Groups[1].Value)] = Utf16(pair.Groups[2].Value);
            }
        }

        foreach (Match block in Regex.Matches(cmap, @"beginbfrange(.*?)endbfrange", RegexOptions.Singleline))
        {
            foreach (Match range in Regex.Matches(block.Groups[1].Value, @"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>"))
            {
                var (from, to, first) = (Hex(range.Groups[1].Value), Hex(range.Groups[2].Value), Hex(range.Groups[3].Value));
                for (var glyph = from; glyph <= to; glyph++)
                {
                    map[glyph] = char.ConvertFromUtf32(first + glyph - from);
                }
            }
        }
    }

    private static int Hex(string hex) => int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static string Utf16(string hex) =>
        Encoding.BigEndianUnicode.GetString(Enumerable.Range(0, hex.Length / 2).Select(i => Convert.ToByte(hex.Substring(i * 2, 2), 16)).ToArray());

    [GeneratedRegex(@"(?:<(?<hex>[0-9A-Fa-f\s]+)>|\((?<literal>(?:\\.|[^\\)])*)\))\s*Tj")]
    private static partial Regex Shown();
}
