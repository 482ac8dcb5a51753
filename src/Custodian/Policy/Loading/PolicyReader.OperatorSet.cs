using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Custodian.Policy.Loading;

/// <summary>
/// <c>operator-set:</c> lists the values the operator chose that the published text does not state, as paths into this file:
/// <c>version</c>, <c>purposes[*].required</c>, <c>purposes[service.guides].consent</c>, <c>recipients.client-companies.methods[api]</c>.
/// A selector picks list entries by their id (or record, or name), a word of a list of words, or all with <c>*</c>.
/// </summary>
internal sealed partial class PolicyReader
{
    private static readonly string[] SelectorKeys = ["id", "record", "name"];

    /// <summary>Every value each path names, in file order; a path that names nothing is an error where it is written.</summary>
    private (List<OperatorSetValue> Values, List<YamlNode> Nodes) ReadOperatorSet(YamlMap map, YamlNode root)
    {
        var values = new List<OperatorSetValue>();
        var nodes = new List<YamlNode>();
        foreach (var (path, node) in map.Texts("operator-set", required: false))
        {
            var found = Resolve(root, path);
            if (found is null || found.Count == 0)
            {
                diagnostics.Add(node, PolicyRules.InvalidValue, $"operator-set: '{path}' names no value of this policy (a path such as purposes[*].required)");
                continue;
            }

            foreach (var (at, value) in found)
            {
                values.Add(new OperatorSetValue(at, Show(value), value.Start.Line, value.Start.Column));
                nodes.Add(value);
            }
        }

        values.Sort((a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column));
        return (values, nodes);
    }

    private static List<(string Path, YamlNode Node)>? Resolve(YamlNode root, string path)
    {
        if (!PathPattern().IsMatch(path))
        {
            return null;
        }

        var current = new List<(string Path, YamlNode Node)> { ("", root) };
        foreach (Match segment in SegmentPattern().Matches(path))
        {
            var key = segment.Groups["key"].Value;
            var next = new List<(string, YamlNode)>();
            foreach (var (at, node) in current)
            {
                if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var child))
                {
                    continue;
                }

                var childPath = at.Length == 0 ? key : $"{at}.{key}";
                if (!segment.Groups["select"].Success)
                {
                    next.Add((childPath, child));
                }
                else if (child is YamlSequenceNode sequence)
                {
                    var select = segment.Groups["select"].Value;
                    next.AddRange(sequence.Children
                        .Select(entry => (Name: EntryName(entry), Entry: entry))
                        .Where(entry => entry.Name is not null && (select == "*" || entry.Name == select))
                        .Select(entry => ($"{childPath}[{entry.Name}]", entry.Entry)));
                }
            }

            current = next;
        }

        return current;
    }

    private static string? EntryName(YamlNode entry) => entry switch
    {
        YamlScalarNode scalar => scalar.Value,
        YamlMappingNode mapping => SelectorKeys
            .Select(key => mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null)
            .FirstOrDefault(name => name is not null),
        _ => null,
    };

    private static string Show(YamlNode node) => node switch
    {
        YamlScalarNode scalar => YamlMap.IsNull(scalar) ? "null" : scalar.Value ?? "",
        YamlSequenceNode sequence when sequence.Children.All(c => c is YamlScalarNode) =>
            $"[{string.Join(", ", sequence.Children.Cast<YamlScalarNode>().Select(c => c.Value))}]",
        YamlSequenceNode sequence => $"({sequence.Children.Count} entries)",
        _ => "(the whole block)",
    };

    [GeneratedRegex(@"^[a-z0-9-]+(\[[^\[\]]+\])?(\.[a-z0-9-]+(\[[^\[\]]+\])?)*$")]
    private static partial Regex PathPattern();

    [GeneratedRegex(@"(?<key>[a-z0-9-]+)(\[(?<select>[^\[\]]+)\])?")]
    private static partial Regex SegmentPattern();
}
