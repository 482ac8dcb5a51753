using Custodian.Anonymization;

namespace Custodian.Tests.Anonymization;

/// <summary>ARX 3.9.2's optima on Adult (datasets/adult/README.md) reproduced one to one.</summary>
public sealed class AdultOptimumTests
{
    [Fact]
    public void Case_A_k5_no_suppression_loss_matches_arx()
    {
        var result = AdultData.Run(5, 0, QualityModel.Loss);
        Assert.Equal([0, 4, 1, 1, 3, 2, 2, 1, 0], result.Transformation);
        Assert.Equal(0, result.SuppressedRows);
        Assert.Equal(24, result.Classes);
    }

    [Fact]
    public void Case_C_k5_five_percent_suppression_loss_matches_arx()
    {
        var result = AdultData.Run(5, 0.05, QualityModel.Loss);
        Assert.Equal([0, 3, 0, 0, 2, 1, 1, 2, 0], result.Transformation);
        Assert.Equal(1346, result.SuppressedRows);
        Assert.Equal(397, result.Classes);
        Assert.Equal(0.24193, result.Score, 5);
    }

    [Fact]
    public void Case_D_k5_no_suppression_discernibility_matches_arx()
    {
        var result = AdultData.Run(5, 0, QualityModel.Discernibility);
        Assert.Equal([1, 1, 1, 2, 3, 2, 2, 1, 1], result.Transformation);
        Assert.Equal(0, result.SuppressedRows);
        Assert.Equal(45, result.Classes);
        Assert.Equal(3.36e7, result.Score, 0.005e7);
    }

    [Theory]
    [InlineData(5, 0.04, new[] { 1, 0, 1, 1, 3, 2, 2, 0, 1 }, 255559.85455731067)]
    [InlineData(100, 0.04, new[] { 1, 1, 1, 1, 3, 2, 2, 1, 1 }, 379417.3460570988)]
    [InlineData(5, 0.0, new[] { 1, 2, 1, 1, 3, 2, 2, 1, 1 }, 407289.5388925293)]
    [InlineData(100, 0.0, new[] { 0, 4, 1, 1, 3, 2, 2, 1, 1 }, 453196.8932458743)]
    public void Non_uniform_entropy_optima_match_arx_unit_tests(int k, double suppression, int[] expected, double score)
    {
        var result = AdultData.Run(k, suppression, QualityModel.Entropy);
        Assert.Equal(expected, result.Transformation);
        Assert.True(Math.Abs(result.Score - score) <= 1e-6 * score, $"score {result.Score} vs ARX {score}");
    }
}
