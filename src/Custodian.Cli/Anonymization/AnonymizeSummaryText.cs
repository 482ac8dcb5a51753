using System.Globalization;
using Custodian.Anonymization;

namespace Custodian.Cli.Anonymization;

/// <summary>The summary <c>anonymize --report</c> prints to the terminal while the JSON report goes to its file.</summary>
internal static class AnonymizeSummaryText
{
    public static void Write(TextWriter output, AnonymizationSummary summary, ReleasePreview preview, double elapsedMs, AnonymizeRequest request)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"Anonymized {preview.Rows:N0} rows: k = {preview.K}, suppression limit {preview.SuppressionLimit:P1}, {elapsedMs / 1000:0.00} s."));
        output.WriteLine("  Generalization:  " + string.Join(", ", summary.QuasiIdentifiers.Select((q, i) => $"{q} {summary.Transformation[i]}")));
        output.WriteLine(string.Create(c, $"  Classes:         {summary.Classes:N0} (smallest {summary.MinClassSize:N0})"));
        output.WriteLine(string.Create(c, $"  Suppressed rows: {summary.SuppressedRows:N0} ({(preview.Rows == 0 ? 0 : (double)summary.SuppressedRows / preview.Rows):P1})"));
        output.WriteLine(string.Create(c, $"  Cells fully generalised: {preview.FullyGeneralisedShare:P0}") + (preview.FullyGeneralisedItems.Count > 0 ? $" ({string.Join(", ", preview.FullyGeneralisedItems)})" : ""));
        output.WriteLine("  Quality:         " + string.Join(", ", summary.Quality.Select(q => string.Create(c, $"{q.Key} {q.Value:0.####}"))));
        output.WriteLine($"  Report:          {request.Report}" + (request.Output is null ? "" : $"    Rows: {request.Output}"));
        if (preview.Warning is { } warning)
        {
            output.WriteLine("  Warning: " + warning);
        }
    }
}
