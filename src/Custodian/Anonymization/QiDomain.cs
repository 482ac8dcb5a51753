using Custodian.Common;

namespace Custodian.Anonymization;

/// <summary>
/// One quasi-identifier's hierarchy, dictionary-encoded per level: ids are dense per level, so generalizing is
/// an array look-up and a level's values fit a small bit field of the packed class key.
/// </summary>
internal sealed class QiDomain
{
    private QiDomain(string name, int[][] toLevel, string[][] labels, double[][] shares, int[][][] up)
    {
        Name = name;
        ToLevel = toLevel;
        Labels = labels;
        Shares = shares;
        Up = up;
        Bits = Math.Max(1, 32 - int.LeadingZeroCount(labels[0].Length - 1));
    }

    public string Name { get; }

    /// <summary>Levels including the raw one.</summary>
    public int Depth => Labels.Length;

    /// <summary>Number of hierarchy rows: ARX's domain size for the Loss model.</summary>
    public int DomainSize => Labels[0].Length;

    /// <summary><c>ToLevel[level][rawId]</c>: the id of the raw value's generalization at that level.</summary>
    public int[][] ToLevel { get; }

    /// <summary><c>Labels[level][id]</c>: the text of a generalized value.</summary>
    public string[][] Labels { get; }

    /// <summary><c>Shares[level][id]</c>: the fraction of the hierarchy's raw values under that generalized value.</summary>
    public double[][] Shares { get; }

    /// <summary><c>Up[from][to][id]</c>: the id at level <c>to</c> of a value with that id at level <c>from</c> (to ≥ from).</summary>
    public int[][][] Up { get; }

    public int Bits { get; }

    public static Result<QiDomain> Create(Hierarchy hierarchy)
    {
        var rows = hierarchy.Rows;
        var depth = hierarchy.Depth;
        var toLevel = new int[depth][];
        var labels = new string[depth][];
        var shares = new double[depth][];
        for (var level = 0; level < depth; level++)
        {
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            var names = new List<string>();
            var sizes = new List<int>();
            toLevel[level] = new int[rows.Count];
            for (var r = 0; r < rows.Count; r++)
            {
                var label = rows[r][level];
                if (!ids.TryGetValue(label, out var id))
                {
                    id = names.Count;
                    ids.Add(label, id);
                    names.Add(label);
                    sizes.Add(0);
                }
                sizes[id]++;
                toLevel[level][r] = id;
            }
            labels[level] = [.. names];
            shares[level] = [.. sizes.Select(s => (double)s / rows.Count)];
        }

        var up = new int[depth][][];
        for (var from = 0; from < depth; from++)
        {
            up[from] = new int[depth][];
            for (var to = from; to < depth; to++)
            {
                var map = new int[labels[from].Length];
                Array.Fill(map, -1);
                for (var r = 0; r < rows.Count; r++)
                {
                    var source = toLevel[from][r];
                    var target = toLevel[to][r];
                    if (map[source] >= 0 && map[source] != target)
                        return Failure.Invalid(hierarchy.Attribute, "hierarchy.not_a_tree",
                            $"The hierarchy of '{hierarchy.Attribute}': value '{labels[from][source]}' at level {from} " +
                            $"generalizes to more than one value at level {to}.");
                    map[source] = target;
                }
                up[from][to] = map;
            }
        }
        return new QiDomain(hierarchy.Attribute, toLevel, labels, shares, up);
    }
}
