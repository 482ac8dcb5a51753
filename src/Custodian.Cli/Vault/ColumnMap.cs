using Custodian.Policy;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Custodian.Cli.Vault;

/// <summary>
/// <c>--map columns.yaml</c>: one line per source column, <c>source column: policy item</c>; an empty item drops the
/// column. A column the file names is looked up here first, then taken as an item id. Every target must be an item of
/// the policy; a mistake is reported at its line and column of the YAML.
/// </summary>
internal sealed class ColumnMap
{
    public static readonly ColumnMap None = new([]);

    private readonly Dictionary<string, string?> _columns;

    private ColumnMap(Dictionary<string, string?> columns) => _columns = columns;

    /// <summary>The item a source column gives; false when the mapping drops the column.</summary>
    public bool TryMap(string column, out string item)
    {
        if (_columns.TryGetValue(column, out var mapped))
        {
            item = mapped ?? "";
            return mapped is not null;
        }

        item = column;
        return true;
    }

    public static (ColumnMap? Map, List<string> Problems) Load(string path, PrivacyPolicy policy)
    {
        var name = Path.GetFileName(path);
        var problems = new List<string>();
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            problems.Add($"{name}:{ex.Start.Line}:{ex.Start.Column}: not valid YAML.");
            return (null, problems);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var at = stream.Documents.Count == 0 ? new Mark() : stream.Documents[0].RootNode.Start;
            problems.Add($"{name}:{at.Line}:{at.Column}: the mapping is one 'source column: policy item' per line.");
            return (null, problems);
        }

        var columns = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in root.Children)
        {
            if (key is not YamlScalarNode { Value: { } column } || value is not YamlScalarNode target)
            {
                problems.Add($"{name}:{key.Start.Line}:{key.Start.Column}: each entry is 'source column: policy item'.");
                continue;
            }

            var item = string.IsNullOrWhiteSpace(target.Value) || target.Value == "~" ? null : target.Value.Trim();
            if (item is not null && policy.FindItem(item) is null)
            {
                problems.Add($"{name}:{target.Start.Line}:{target.Start.Column}: '{item}' is not a data item of policy {policy.Id} (items: {string.Join(", ", policy.Items.Select(i => i.Id))}).");
            }

            columns[column] = item;
        }

        return problems.Count > 0 ? (null, problems) : (new ColumnMap(columns), problems);
    }
}
