using System.Globalization;
using System.Text.RegularExpressions;

namespace Custodian.Server.Components.Language;

/// <summary>
/// The console's words in the request's language. The English text is the key, so a page reads in English in its
/// source; <see cref="ConsoleWords"/> holds the Japanese and Spanish. One instance per request.
/// </summary>
public sealed partial class ConsoleText(IHttpContextAccessor accessor)
{
    public string Language => ConsoleLanguage.Of(accessor.HttpContext);

    public string this[string english] => Translate(Language, english);

    public string Format(string english, params object?[] values) => string.Format(CultureInfo.InvariantCulture, this[english], values);

    /// <summary>
    /// A text about a count, in the count's grammatical number: <paramref name="one"/> for exactly one, else
    /// <paramref name="other"/> (Japanese has one form for both). The count is {0}, grouped as the language writes
    /// it (12,345; 12.345); <paramref name="more"/> fill {1} onwards.
    /// </summary>
    public string Count(long count, string one, string other, params object?[] more) =>
        Format(count == 1 ? one : other, [count.ToString("N0", CultureInfo.GetCultureInfo(Language)), .. more]);

    internal static string Translate(string language, string english)
    {
        if (language is not ("ja" or "es"))
        {
            return english;
        }

        if (ConsoleWords.Table.TryGetValue(english, out var words))
        {
            return language == "ja" ? words.Ja : words.Es;
        }

        // A service's message with numbers in it ("A review covers at most 366 days.") is kept with its numbers as
        // {0}, {1}…, so its words need not change when a limit does.
        var numbers = new List<object>();
        var template = Numbers().Replace(english, m =>
        {
            // A grouped number (1,000,000) is grouped as the language writes it (1.000.000); others stay as written.
            numbers.Add(m.Value.Contains(',', StringComparison.Ordinal) && long.TryParse(m.Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var n)
                ? n.ToString("N0", CultureInfo.GetCultureInfo(language))
                : m.Value);
            return string.Create(CultureInfo.InvariantCulture, $"{{{numbers.Count - 1}}}");
        });
        return numbers.Count > 0 && !english.Contains('{', StringComparison.Ordinal) && ConsoleWords.Table.TryGetValue(template, out var templated)
            ? string.Format(CultureInfo.InvariantCulture, language == "ja" ? templated.Ja : templated.Es, [.. numbers])
            : english;
    }

    [GeneratedRegex(@"\d+(?:,\d{3})*")]
    private static partial Regex Numbers();
}
