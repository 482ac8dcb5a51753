using Custodian.Common;

namespace Custodian.Anonymization;

/// <summary>Checks options against the table before any work, so a bad request fails fast with the rule it broke.</summary>
internal static class OptionsValidator
{
    public static Failure? Validate(EncodedTable table, IReadOnlyDictionary<string, Hierarchy> hierarchies,
        AnonymizationOptions options)
    {
        if (table.RowCount == 0)
            return Failure.Invalid("input", "anonymize.empty", "The input has no rows.");
        if (options.QuasiIdentifiers.Count == 0)
            return Failure.Invalid("quasiIdentifiers", "anonymize.no_qi", "Name at least one quasi-identifier.");
        if (options.QuasiIdentifiers.Distinct(StringComparer.Ordinal).Count() != options.QuasiIdentifiers.Count)
            return Failure.Invalid("quasiIdentifiers", "anonymize.duplicate_qi", "A quasi-identifier is named twice.");
        foreach (var qi in options.QuasiIdentifiers)
        {
            if (table.ColumnIndex(qi) < 0)
                return Failure.Invalid("quasiIdentifiers", "anonymize.unknown_column",
                    $"Quasi-identifier '{qi}' is not a column of the input (columns: {string.Join(", ", table.Header)})" +
                    (table.Header.Count == 1 ? "; the header has one column only: check the delimiter." : "."));
            if (!hierarchies.ContainsKey(qi))
                return Failure.Invalid("hierarchies", "anonymize.no_hierarchy", $"Quasi-identifier '{qi}' has no hierarchy.");
        }
        if (options.K < 1)
            return Failure.Invalid("k", "anonymize.k_range", "k must be at least 1.");
        if (options.K > table.RowCount)
            return Failure.Invalid("k", "anonymize.k_range", $"k = {options.K} is larger than the {table.RowCount} rows.");
        if (!(options.SuppressionLimit >= 0 && options.SuppressionLimit <= 1))
            return Failure.Invalid("suppression", "anonymize.suppression_range", "The suppression limit must be in [0, 1].");
        return ValidateSensitive(table, options);
    }

    private static Failure? ValidateSensitive(EncodedTable table, AnonymizationOptions options)
    {
        var needsSensitive = options.L is not null || options.T is not null;
        if (options.L is < 1)
            return Failure.Invalid("l", "anonymize.l_range", "l must be at least 1.");
        if (options.T is { } t && !(t >= 0 && t <= 1))
            return Failure.Invalid("t", "anonymize.t_range", "t must be in [0, 1].");
        if (needsSensitive && options.Sensitive is null)
            return Failure.Invalid("sensitive", "anonymize.no_sensitive", "l-diversity and t-closeness need a sensitive attribute.");
        if (options.Sensitive is null) return null;
        if (table.ColumnIndex(options.Sensitive) < 0)
            return Failure.Invalid("sensitive", "anonymize.unknown_column", $"Sensitive attribute '{options.Sensitive}' is not a column.");
        if (options.QuasiIdentifiers.Contains(options.Sensitive, StringComparer.Ordinal))
            return Failure.Invalid("sensitive", "anonymize.sensitive_is_qi", "The sensitive attribute cannot also be a quasi-identifier.");
        return null;
    }
}
