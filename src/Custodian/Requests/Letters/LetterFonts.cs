using PdfSharp.Fonts;

namespace Custodian.Requests.Letters;

/// <summary>
/// PDFsharp finds no fonts by itself on Linux, so letters use one font file for every language: IPAex Gothic
/// (Debian package fonts-ipaexfont-gothic) covers Japanese, English and Spanish with TrueType outlines.
/// </summary>
internal sealed class LetterFonts : IFontResolver
{
    public const string Family = "CustodianLetter";
    public const string DefaultPath = "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf";
    public const string MissingHint = "install the Debian package fonts-ipaexfont-gothic, or set Requests:LetterFont to a TrueType font with Japanese glyphs.";

    private static readonly Lock Gate = new();
    private readonly Lazy<byte[]> _bytes;

    private LetterFonts(string path) => _bytes = new Lazy<byte[]>(() => File.Exists(path)
        ? File.ReadAllBytes(path)
        : throw new InvalidOperationException($"The letter font '{path}' is missing: {MissingHint}"));

    /// <summary>PDFsharp's font resolver is process-wide; the first configured font wins.</summary>
    public static void Install(string path)
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not LetterFonts)
            {
                GlobalFontSettings.FontResolver = new LetterFonts(path);
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(Family, bold, italic);

    public byte[]? GetFont(string faceName) => _bytes.Value;
}
