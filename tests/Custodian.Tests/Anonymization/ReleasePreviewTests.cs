using Custodian.Anonymization;

namespace Custodian.Tests.Anonymization;

public sealed class ReleasePreviewTests
{
    private static readonly Dictionary<string, Hierarchy> Hierarchies = new()
    {
        ["sex"] = Hierarchy.Create("sex", [["M", "*"], ["F", "*"]]).Value!,
        ["age"] = Hierarchy.Create("age", [["30", "30-39", "*"], ["45", "40-49", "*"]]).Value!,
    };

    private static AnonymizationSummary Summary(int[] transformation, int suppressed, int classes) =>
        new(["sex", "age"], transformation, suppressed, classes, 2, QualityModel.Loss, 0, new Dictionary<string, double>(), 1, 6);

    [Fact]
    public void A_release_whose_every_item_is_generalised_to_a_star_is_useless()
    {
        var preview = ReleasePreview.Of(5, 0, Summary([1, 2], 0, 1), Hierarchies, 6);

        Assert.True(preview.Useless);
        Assert.Equal(1.0, preview.FullyGeneralisedShare);
        Assert.Contains("useless", preview.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_release_whose_every_row_is_suppressed_is_useless()
    {
        Assert.True(ReleasePreview.Of(5, 1, Summary([0, 0], 6, 0), Hierarchies, 6).Useless);
    }

    [Fact]
    public void The_generalised_share_counts_suppressed_rows_as_whole_and_kept_rows_by_their_starred_items()
    {
        // Sex starred on 8 kept rows (8 of 16 cells), 2 suppressed rows (4 cells): 12 of 20 cells.
        var preview = ReleasePreview.Of(2, 0.2, Summary([1, 1], 2, 3), Hierarchies, 10);

        Assert.False(preview.Useless);
        Assert.Equal(0.6, preview.FullyGeneralisedShare, 3);
        Assert.Equal(["sex"], preview.FullyGeneralisedItems);
        Assert.Null(preview.Warning);
    }
}
