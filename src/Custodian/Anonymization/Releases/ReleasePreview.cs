using System.Globalization;

namespace Custodian.Anonymization;

/// <summary>
/// What a release would hold, before it is published: rows, classes, suppressed rows and the share of cells fully
/// generalised (a suppressed row counts as all its cells). A release whose every cell is fully generalised or
/// suppressed tells nothing and is flagged useless.
/// </summary>
public sealed record ReleasePreview(
    int K, double SuppressionLimit, int Rows, int Classes, int SuppressedRows, double FullyGeneralisedShare,
    IReadOnlyList<string> FullyGeneralisedItems, bool Useless, string? Warning)
{
    /// <summary>Past this share of fully generalised cells a release is called nearly useless.</summary>
    public const double PoorShare = 0.75;

    public static ReleasePreview Of(int k, double suppression, AnonymizationSummary summary, IReadOnlyDictionary<string, Hierarchy> hierarchies, int rows)
    {
        var full = summary.QuasiIdentifiers.Where((column, i) => summary.Transformation[i] == hierarchies[column].Depth - 1).ToList();
        var columns = Math.Max(1, summary.QuasiIdentifiers.Count);
        var kept = rows - summary.SuppressedRows;
        var share = rows == 0 ? 1 : ((double)summary.SuppressedRows * columns + (double)kept * full.Count) / ((double)rows * columns);
        var useless = rows == 0 || kept == 0 || full.Count == columns;
        var warning = useless
            ? "This release would be useless: every row is suppressed or every item is generalised to “*”. Lower k, allow more suppression, or wait for more persons."
            : share >= PoorShare
                ? string.Create(CultureInfo.InvariantCulture, $"This release would tell little: {share:P0} of its cells are fully generalised ({string.Join(", ", full)}).")
                : null;
        return new ReleasePreview(k, suppression, rows, summary.Classes, summary.SuppressedRows, share, full, useless, warning);
    }
}
