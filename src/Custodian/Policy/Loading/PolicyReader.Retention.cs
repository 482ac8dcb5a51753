namespace Custodian.Policy.Loading;

/// <summary>The retention schedule: one rule per kind of record, each with its period and its basis.</summary>
internal sealed partial class PolicyReader
{
    private static readonly string[] Bases = ["law", "contract", "policy"];

    private List<RetentionRule> ReadRetention(YamlMap map, IReadOnlyDictionary<string, Notice>? notices, string? binding)
    {
        if (map.Field("retention", required: false) is null)
        {
            return [];
        }

        var bindingNotice = binding is not null && notices?.TryGetValue(binding, out var notice) == true ? notice : null;
        return ReadEach(map, "retention", rule => ReadRetentionRule(rule, bindingNotice));
    }

    private RetentionRule? ReadRetentionRule(YamlMap map, Notice? bindingNotice)
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
        var section = quote is { } q ? FindQuote(map, q.Value, q.Node, bindingNotice) : null;
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
    private string? FindQuote(YamlMap map, string quote, YamlDotNet.RepresentationModel.YamlNode node, Notice? bindingNotice)
    {
        var found = bindingNotice?.Sections.FirstOrDefault(s =>
            s.Heading.Contains(quote, StringComparison.Ordinal) || s.Paragraphs.Concat(s.Closing).Any(p => p.Contains(quote, StringComparison.Ordinal)));
        if (found is null && bindingNotice is not null)
        {
            diagnostics.Add(node, PolicyRules.QuoteNotInNotice, $"{map.Path}.quote is not found word for word in the binding-language notice");
        }

        return found?.Heading;
    }
}
