using System.Text.Json;
using Custodian.Anonymization;

namespace Custodian.Cli.Anonymization;

/// <summary>The machine-readable account of a release: what was generalized, what was suppressed, what it cost.</summary>
internal static class AnonymizeReport
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string ToJson(AnonymizationSummary summary, AnonymizationOptions options, double elapsedMs) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["quasiIdentifiers"] = summary.QuasiIdentifiers,
            ["transformation"] = summary.Transformation,
            ["suppressedRows"] = summary.SuppressedRows,
            ["classes"] = summary.Classes,
            ["minClassSize"] = summary.MinClassSize,
            ["qualityModel"] = summary.Model.ToString().ToLowerInvariant(),
            ["score"] = summary.Score,
            ["quality"] = summary.Quality,
            ["k"] = options.K,
            ["suppressionLimit"] = options.SuppressionLimit,
            ["l"] = options.L,
            ["t"] = options.T,
            ["nodesEvaluated"] = summary.NodesEvaluated,
            ["latticeSize"] = summary.LatticeSize,
            ["elapsedMs"] = Math.Round(elapsedMs, 1),
        }, Indented);
}
