using YamlDotNet.RepresentationModel;

namespace Custodian.Policy.Loading;

/// <summary>Definitions, references between them, and the languages of every localized text.</summary>
internal sealed partial class PolicyReader
{
    private sealed record IdReference(Kind Kind, string Id, YamlNode Node, string Path);

    private sealed record LocalizedEntry(string Path, YamlMappingNode Node, IReadOnlyList<(string Language, YamlNode Key)> Languages);

    private List<T> ReadEach<T>(YamlMap parent, string key, Func<YamlMap, T?> read)
        where T : class
    {
        var result = new List<T>();
        var nodes = parent.Sequence(key);
        for (var index = 0; index < nodes.Count; index++)
        {
            if (YamlMap.From(nodes[index], $"{parent.Path}.{key}[{index}]", diagnostics) is not { } map)
            {
                continue;
            }

            if (read(map) is { } value)
            {
                result.Add(value);
            }

            map.Done();
        }

        return result;
    }

    /// <summary>Reads the mapping's <c>id</c> and registers it, reporting a second definition of the same id.</summary>
    private string? Define(YamlMap map, Kind kind)
    {
        var id = map.TextAt("id");
        if (id is { } defined)
        {
            Define(KindName(kind), defined.Value, defined.Node);
        }

        return id?.Value;
    }

    private void Define(string kind, string id, YamlNode node)
    {
        var ids = Definitions(kind);
        if (ids.TryGetValue(id, out var first))
        {
            diagnostics.Add(node, PolicyRules.DuplicateId, $"{kind} '{id}' is defined twice (first at line {first.Start.Line})");
            return;
        }

        ids.Add(id, node);
    }

    private Dictionary<string, YamlNode> Definitions(string kind) =>
        definitions.TryGetValue(kind, out var ids) ? ids : definitions[kind] = new Dictionary<string, YamlNode>(StringComparer.Ordinal);

    private string? Reference(YamlMap map, string key, Kind kind, bool required = true)
    {
        if (map.TextAt(key, required) is not { } value)
        {
            return null;
        }

        references.Add(new IdReference(kind, value.Value, value.Node, $"{map.Path}.{key}"));
        return value.Value;
    }

    /// <summary>A list of ids of one kind, each recorded as a reference at its own position.</summary>
    private List<string> ItemIds(YamlMap map, string key, Kind kind, bool required = true)
    {
        var values = map.Texts(key, required);
        references.AddRange(values.Select(v => new IdReference(kind, v.Value, v.Node, $"{map.Path}.{key}")));
        return values.Select(v => v.Value).ToList();
    }

    private LocalizedText? Localized(YamlMap parent, string key, bool required = true)
    {
        if (parent.Map(key, required) is not { } map)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var languages = new List<(string, YamlNode)>();
        foreach (var (language, keyNode, value) in map.All())
        {
            if (map.AsText(value, $"{map.Path}.{language}") is { } text)
            {
                values[language] = text;
                languages.Add((language, keyNode));
            }
        }

        localizedTexts.Add(new LocalizedEntry(map.Path, map.Node, languages));
        return values.Count == 0 ? null : new LocalizedText(values);
    }

    private void CheckReferences()
    {
        foreach (var reference in references)
        {
            if (!Definitions(KindName(reference.Kind)).ContainsKey(reference.Id))
            {
                diagnostics.Add(reference.Node, RuleFor(reference.Kind),
                    $"{reference.Path} names {KindName(reference.Kind)} '{reference.Id}', which the policy does not define");
            }
        }
    }

    /// <summary>Every localized text must speak exactly the languages the policy has notices in.</summary>
    private void CheckLanguages(IReadOnlyCollection<string> noticeLanguages)
    {
        foreach (var entry in localizedTexts)
        {
            foreach (var missing in noticeLanguages.Except(entry.Languages.Select(l => l.Language), StringComparer.Ordinal))
            {
                diagnostics.Add(entry.Node, PolicyRules.MissingTranslation, $"{entry.Path} has no '{missing}' text, but the policy has a '{missing}' notice");
            }

            foreach (var (language, key) in entry.Languages.Where(l => !noticeLanguages.Contains(l.Language, StringComparer.Ordinal)))
            {
                diagnostics.Add(key, PolicyRules.UnknownLanguage, $"{entry.Path}: '{language}' is not a language the policy has a notice in");
            }
        }
    }

    private static string KindName(Kind kind) => kind switch
    {
        Kind.Category => "category",
        Kind.Item => "item",
        Kind.Purpose => "purpose",
        Kind.Term => "term",
        Kind.RequestType => "request type",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static string RuleFor(Kind kind) => kind switch
    {
        Kind.Category => PolicyRules.UnknownCategory,
        Kind.Item => PolicyRules.UnknownItem,
        Kind.Purpose => PolicyRules.UnknownPurpose,
        Kind.Term => PolicyRules.UnknownTerm,
        Kind.RequestType => PolicyRules.UnknownRequestType,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
