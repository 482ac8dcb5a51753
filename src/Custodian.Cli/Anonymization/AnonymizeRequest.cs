using System.Globalization;
using Custodian.Anonymization;
using Custodian.Common;

namespace Custodian.Cli.Anonymization;

/// <summary>The command line turned into options; every usage mistake is a failure here (exit code 2).</summary>
internal sealed record AnonymizeRequest(string Input, char Delimiter, string HierarchyFolder, AnonymizationOptions Options,
    string? Output, string? Report)
{
    public static Result<AnonymizeRequest> From(string? input, string? delimiter, string? hierarchies, string? qis,
        string? k, string? suppression, string? quality, string? l, string? lKind, string? t, string? sensitive,
        string? output, string? report)
    {
        if (string.IsNullOrWhiteSpace(input)) return Usage("--input", "--input is required.");
        if (string.IsNullOrWhiteSpace(hierarchies)) return Usage("--hierarchies", "--hierarchies is required.");
        if (string.IsNullOrWhiteSpace(qis)) return Usage("--quasi-identifiers", "--quasi-identifiers is required.");
        if (delimiter is null || delimiter.Length != 1) return Usage("--delimiter", "--delimiter must be one character.");
        if (!TryInt(k, 1, out var kValue)) return Usage("--k", "--k must be a whole number.");
        if (!TryDouble(suppression, 0, out var limit)) return Usage("--suppression", "--suppression must be a number.");
        if (!Enum.TryParse<QualityModel>(quality, ignoreCase: true, out var model) || int.TryParse(quality, out _))
            return Usage("--quality", "--quality must be loss, entropy, discernibility, aecs or precision.");
        if (!Enum.TryParse<DiversityKind>(lKind, ignoreCase: true, out var kind) || int.TryParse(lKind, out _))
            return Usage("--l-kind", "--l-kind must be distinct or entropy.");
        int? lValue = null;
        if (l is not null)
        {
            if (!TryInt(l, 0, out var parsed)) return Usage("--l", "--l must be a whole number.");
            lValue = parsed;
        }
        double? tValue = null;
        if (t is not null)
        {
            if (!TryDouble(t, 0, out var parsed)) return Usage("--t", "--t must be a number.");
            tValue = parsed;
        }
        var options = new AnonymizationOptions
        {
            QuasiIdentifiers = [.. qis.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)],
            K = kValue, SuppressionLimit = limit, Quality = model, L = lValue, LKind = kind, T = tValue, Sensitive = sensitive,
        };
        return new AnonymizeRequest(input, delimiter[0], hierarchies, options, output, report);
    }

    private static Failure Usage(string field, string detail) => Failure.Invalid(field, "usage", detail);

    private static bool TryInt(string? text, int fallback, out int value)
    {
        value = fallback;
        return text is null || int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryDouble(string? text, double fallback, out double value)
    {
        value = fallback;
        return text is null || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
