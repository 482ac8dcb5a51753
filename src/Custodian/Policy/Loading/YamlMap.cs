using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Custodian.Policy.Loading;

/// <summary>
/// Reads one YAML mapping field by field, reporting wrong types, missing fields and, at the end,
/// every field nobody asked for: a typo in a key must not silently drop a rule.
/// </summary>
internal sealed class YamlMap
{
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> fields = new(StringComparer.Ordinal);
    private readonly HashSet<string> known = new(StringComparer.Ordinal);
    private readonly PolicyDiagnostics diagnostics;

    private YamlMap(YamlMappingNode node, string path, PolicyDiagnostics diagnostics)
    {
        Node = node;
        Path = path;
        this.diagnostics = diagnostics;
        foreach (var (key, value) in node.Children)
        {
            if (key is not YamlScalarNode { Value: { } name } scalar)
            {
                diagnostics.Add(key, PolicyRules.WrongType, $"{path}: keys must be plain words");
            }
            else if (!fields.TryAdd(name, (scalar, value)))
            {
                diagnostics.Add(key, PolicyRules.DuplicateKey, $"{path}: '{name}' is given twice");
            }
        }
    }

    public YamlMappingNode Node { get; }
    public string Path { get; }

    public static YamlMap? From(YamlNode node, string path, PolicyDiagnostics diagnostics)
    {
        if (node is YamlMappingNode mapping)
        {
            return new YamlMap(mapping, path, diagnostics);
        }

        diagnostics.Add(node, PolicyRules.WrongType, $"{path} must be a mapping");
        return null;
    }

    /// <summary>Plain <c>~</c>, <c>null</c> or nothing: YAML's null, which a quoted "" is not.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    public YamlNode? Field(string key, bool required)
    {
        known.Add(key);
        if (!fields.TryGetValue(key, out var field))
        {
            if (required)
            {
                diagnostics.Add(Node, PolicyRules.RequiredField, $"{Path}: '{key}' is required");
            }

            return null;
        }

        if (IsNull(field.Value))
        {
            if (required)
            {
                diagnostics.Add(field.Value, PolicyRules.RequiredField, $"{Path}.{key} must have a value");
            }

            return null;
        }

        return field.Value;
    }

    public string? Text(string key, bool required = true) => Field(key, required) is { } node ? AsText(node, $"{Path}.{key}") : null;

    public (string Value, YamlNode Node)? TextAt(string key, bool required = true) =>
        Field(key, required) is { } node && AsText(node, $"{Path}.{key}") is { } text ? (text, node) : null;

    public string? AsText(YamlNode node, string path)
    {
        if (node is YamlScalarNode { Value: { } value })
        {
            return value;
        }

        diagnostics.Add(node, PolicyRules.WrongType, $"{path} must be text, not a {Describe(node)}");
        return null;
    }

    public bool? Bool(string key, bool required = true)
    {
        if (Text(key, required) is not { } text)
        {
            return null;
        }

        if (text is "true" or "false")
        {
            return text == "true";
        }

        diagnostics.Add(fields[key].Value, PolicyRules.WrongType, $"{Path}.{key} must be true or false");
        return null;
    }

    public int? Int(string key, bool required = true)
    {
        if (Text(key, required) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        diagnostics.Add(fields[key].Value, PolicyRules.WrongType, $"{Path}.{key} must be a whole number");
        return null;
    }

    public YamlMap? Map(string key, bool required = true) =>
        Field(key, required) is { } node ? From(node, $"{Path}.{key}", diagnostics) : null;

    public IReadOnlyList<YamlNode> Sequence(string key, bool required = true)
    {
        if (Field(key, required) is not { } node)
        {
            return [];
        }

        if (node is YamlSequenceNode sequence)
        {
            return sequence.Children.ToList();
        }

        diagnostics.Add(node, PolicyRules.WrongType, $"{Path}.{key} must be a list, not a {Describe(node)}");
        return [];
    }

    /// <summary>A list of words or ids, each with its node so references can be checked where they are written.</summary>
    public IReadOnlyList<(string Value, YamlNode Node)> Texts(string key, bool required = true) =>
        Sequence(key, required)
            .Select(node => (Value: AsText(node, $"{Path}.{key}"), Node: node))
            .Where(entry => entry.Value is not null)
            .Select(entry => (entry.Value!, entry.Node))
            .ToList();

    /// <summary>Every field, for mappings keyed by data (languages, term ids) rather than by the model.</summary>
    public IReadOnlyList<(string Name, YamlScalarNode Key, YamlNode Value)> All()
    {
        known.UnionWith(fields.Keys);
        return fields.Select(field => (field.Key, field.Value.Key, field.Value.Value)).ToList();
    }

    /// <summary>Reports the fields present but never read: typos and fields the model does not have.</summary>
    public void Done()
    {
        foreach (var (name, (key, _)) in fields)
        {
            if (!known.Contains(name))
            {
                diagnostics.Add(key, PolicyRules.UnknownField, $"{Path}: unknown field '{name}' (expected one of: {string.Join(", ", known)})");
            }
        }
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "mapping",
        YamlSequenceNode => "list",
        _ => "scalar",
    };
}
