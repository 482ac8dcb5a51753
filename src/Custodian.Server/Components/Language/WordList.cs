using System.Collections;

namespace Custodian.Server.Components.Language;

/// <summary>
/// One block of the console's words, written as <c>["English"] = ("日本語", "Español")</c> and kept in the order
/// written, repeats included: a dictionary would keep only the last of a repeated key and hide the repeat.
/// </summary>
internal sealed class WordList : IEnumerable<KeyValuePair<string, (string Ja, string Es)>>
{
    private readonly List<KeyValuePair<string, (string Ja, string Es)>> _words = [];

    public (string Ja, string Es) this[string english]
    {
        get => _words.FindLast(w => w.Key == english).Value;
        set => _words.Add(new(english, value));
    }

    /// <summary>The blocks as one table; a key written twice keeps its last words, as the single table did.</summary>
    public static Dictionary<string, (string Ja, string Es)> Merge(IEnumerable<WordList> blocks)
    {
        var table = new Dictionary<string, (string Ja, string Es)>(StringComparer.Ordinal);
        foreach (var (english, words) in blocks.SelectMany(b => b))
        {
            table[english] = words;
        }

        return table;
    }

    public static List<string> Repeated(IEnumerable<WordList> blocks) =>
        [.. blocks.SelectMany(b => b).GroupBy(w => w.Key, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key)];

    public IEnumerator<KeyValuePair<string, (string Ja, string Es)>> GetEnumerator() => _words.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
