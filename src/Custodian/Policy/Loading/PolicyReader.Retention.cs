namespace Custodian.Policy.Loading;

/// <summary>The retention schedule: one rule per kind of record, each with its period and its basis.</summary>
internal sealed partial class PolicyReader
{
    private static readonly string[] Bases = ["law", "contract", "policy"];

    private List<RetentionRule> ReadRetention(YamlMap map, IReadOnlyDictionary<string, Notice>? notices, IReadOnlyDictionary<string, NoticeText> texts, string? binding)
    {
        if (map.Field("retention", required: false) is null)
        {
            return [];
        }

        // A quote is the binding language's words: in its notice sections where the file has them, else in its text.
        var sections = binding is null ? null
            : notices?.TryGetValue(binding, out var notice) == true ? NoticeSections(notice)
            : texts.TryGetValue(binding, out var text) ? TextSections(text)
            : null;
        return ReadEach(map, "retention", rule => ReadRetentionRule(rule, sections));
    }

    private static List<(string Heading, List<string> Lines)> NoticeSections(Notice notice) =>
        notice.Sections.Select(s => (s.Heading, s.Paragraphs.Concat(s.Closing).Prepend(s.Heading).ToList())).ToList();

    /// <summary>The text's lines grouped under the heading before them (the title for lines before any heading).</summary>
    private static List<(string Heading, List<string> Lines)> TextSections(NoticeText text)
    {
        var sections = new List<(string Heading, List<string> Lines)> { (text.Title, [text.Title]) };
        foreach (var block in text.Blocks)
        {
            var words = string.Concat(block.Runs.Select(r => r.Text));
            if (block.Kind == TextBlockKind.Heading)
            {
                sections.Add((words, []));
            }

            sections[^1].Lines.Add(words);
        }

        return sections;
    }

    private RetentionRule? ReadRetentionRule(YamlMap map, List<(string Heading, List<string> Lines)>? sections)
    {
        var record = map.TextAt("record");
        RecordKind? kind = null;
        if (record is { } r)
        {
            kind = RecordKinds.Find(r.Value);
            if (kind is null)
            {
                diagnostics.Add(r.Node, PolicyRules.UnknownRecordKind,
                    $"{map.Path}.record names '{r.Value}', which is not a kind of record; known: {string.Join(", ", RecordKinds.All.Select(k => k.Id))}");
            }
            else
            {
                Define("retention rule for", r.Value, r.Node);
            }
        }

        var keep = map.TextAt("keep");
        RetentionPeriod? period = null;
        if (keep is { } k)
        {
            (period, var problem) = RetentionPeriod.Parse(k.Value);
            if (problem is not null)
            {
                diagnostics.Add(k.Node, PolicyRules.InvalidPeriod, $"{map.Path}.keep {problem}");
            }
        }

        var basis = map.TextAt("basis");
        if (basis is { } b && !Bases.Contains(b.Value, StringComparer.Ordinal))
        {
            diagnostics.Add(b.Node, PolicyRules.InvalidValue, $"{map.Path}.basis must be one of: {string.Join(", ", Bases)}");
            basis = null;
        }

        var reference = map.Text("reference", required: basis is { Value: "law" or "contract" });
        var quote = map.TextAt("quote", required: basis is { Value: "policy" });
        var section = quote is { } q ? FindQuote(map, q.Value, q.Node, sections) : null;
        var note = map.Text("note", required: false);
        return kind is null || period is null || basis is null
            ? null
            : new RetentionRule
            {
                Record = kind.Value,
                Keep = period.Value,
                Basis = Enum.Parse<RetentionBasis>(basis.Value.Value, ignoreCase: true),
                Reference = reference,
                Quote = quote?.Value,
                QuoteSection = section,
                Note = note,
            };
    }

    /// <summary>The heading of the binding notice's section that holds the quote word for word; an error where it holds none.</summary>
    private string? FindQuote(YamlMap map, string quote, YamlDotNet.RepresentationModel.YamlNode node, List<(string Heading, List<string> Lines)>? sections)
    {
        var found = sections?.FirstOrDefault(s => s.Lines.Any(line => line.Contains(quote, StringComparison.Ordinal)));
        if (sections is not null && found?.Heading is null)
        {
            diagnostics.Add(node, PolicyRules.QuoteNotInNotice, $"{map.Path}.quote is not found word for word in the binding-language notice");
        }

        return found?.Heading;
    }
}
