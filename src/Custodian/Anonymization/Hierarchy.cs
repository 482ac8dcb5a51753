using Custodian.Common;

namespace Custodian.Anonymization;

/// <summary>
/// A generalization hierarchy in ARX's form: one row per raw value, the raw value first, then each more general
/// level, the most general (normally <c>*</c>) last. Every row has the same depth.
/// </summary>
public sealed class Hierarchy
{
    private Hierarchy(string attribute, string[][] rows)
    {
        Attribute = attribute;
        Rows = rows;
    }

    public string Attribute { get; }

    /// <summary>Rows of the hierarchy; <c>Rows[i][0]</c> is a raw value, <c>Rows[i][level]</c> its generalization.</summary>
    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>Number of levels including the raw one.</summary>
    public int Depth => Rows[0].Length;

    public static Result<Hierarchy> Create(string attribute, IEnumerable<string[]> rows)
    {
        var list = rows.ToArray();
        if (list.Length == 0)
            return Failure.Invalid(attribute, "hierarchy.empty", $"The hierarchy of '{attribute}' has no rows.");
        var depth = list[0].Length;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Length; i++)
        {
            if (list[i].Length != depth)
                return Failure.Invalid(attribute, "hierarchy.ragged",
                    $"The hierarchy of '{attribute}': row {i + 1} has {list[i].Length} levels where row 1 has {depth}.");
            if (!seen.Add(list[i][0]))
                return Failure.Invalid(attribute, "hierarchy.duplicate",
                    $"The hierarchy of '{attribute}': row {i + 1} repeats a raw value of an earlier row.");
        }
        return new Hierarchy(attribute, list);
    }

    /// <summary>Reads ARX's hierarchy CSV (no header, <c>;</c> by default).</summary>
    public static Result<Hierarchy> Read(string attribute, TextReader reader, char delimiter = ';')
    {
        var rows = DelimitedText.ReadAll(reader, delimiter, $"hierarchy '{attribute}'");
        if (!rows.Succeeded) return rows.Failure!;
        return Create(attribute, rows.Value!);
    }

    public static Result<Hierarchy> ReadFile(string attribute, string path, char delimiter = ';')
    {
        using var reader = new StreamReader(path);
        return Read(attribute, reader, delimiter);
    }
}
