using System.Globalization;

namespace Custodian.Server.Components.Language;

/// <summary>
/// The console's words in the request's language. The English text is the key, so a page reads in English in its
/// source; <see cref="ConsoleWords"/> holds the Japanese and Spanish. One instance per request.
/// </summary>
public sealed class ConsoleText(IHttpContextAccessor accessor)
{
    public string Language => ConsoleLanguage.Of(accessor.HttpContext);

    public string this[string english] => Translate(Language, english);

    public string Format(string english, params object?[] values) => string.Format(CultureInfo.InvariantCulture, this[english], values);

    internal static string Translate(string language, string english) =>
        language == "en" || !ConsoleWords.Table.TryGetValue(english, out var words) ? english
        : language == "ja" ? words.Ja
        : language == "es" ? words.Es
        : english;
}
