namespace Custodian.Server.Components.Language;

/// <summary>The console's Japanese and Spanish, keyed by the English text the pages are written in.</summary>
internal static class ConsoleWords
{
    public static readonly IReadOnlyDictionary<string, (string Ja, string Es)> Table = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
    };
}
