using System.Globalization;
using Custodian.Common;

namespace Custodian.Anonymization;

/// <summary>
/// Hierarchies for the items the policy releases in anonymized form (sex, date of birth, experience, career),
/// plus addresses. Each builder returns ARX-shaped rows, so built and hand-written hierarchies are interchangeable.
/// </summary>
public static class HierarchyBuilders
{
    /// <summary>Date of birth (ISO yyyy-MM-dd) → month → year → 5-year band → 10-year band → *.</summary>
    public static Result<Hierarchy> DateOfBirth(string attribute, IEnumerable<string> dates)
    {
        var rows = new List<string[]>();
        foreach (var text in dates.Distinct(StringComparer.Ordinal))
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                return Failure.Invalid(attribute, "hierarchy.bad_date", $"'{attribute}': a value is not a yyyy-MM-dd date.");
            rows.Add([text, date.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                date.Year.ToString(CultureInfo.InvariantCulture), Band(date.Year, 5), Band(date.Year, 10), "*"]);
        }
        return Hierarchy.Create(attribute, rows);
    }

    /// <summary>Years of experience (a non-negative integer) → 5-, 10- and 20-year bands → *.</summary>
    /// <remarks>Each band lies inside the next (2-year bands do not nest in 5-year ones, which the search needs).</remarks>
    public static Result<Hierarchy> ExperienceYears(string attribute, IEnumerable<string> years)
    {
        var rows = new List<string[]>();
        foreach (var text in years.Distinct(StringComparer.Ordinal))
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                return Failure.Invalid(attribute, "hierarchy.bad_years", $"'{attribute}': a value is not a whole number of years.");
            rows.Add([text, Band(value, 5), Band(value, 10), Band(value, 20), "*"]);
        }
        return Hierarchy.Create(attribute, rows);
    }

    /// <summary>Address → city → state → country → *, from a table the caller supplies (one entry per address).</summary>
    public static Result<Hierarchy> Address(string attribute, IEnumerable<AddressEntry> table) =>
        Hierarchy.Create(attribute, table.Select(a => new[] { a.Address, a.City, a.State, a.Country, "*" }));

    /// <summary>Career (job title) → occupation category → *, from a title-to-category table.</summary>
    public static Result<Hierarchy> Career(string attribute, IReadOnlyDictionary<string, string> categories) =>
        Hierarchy.Create(attribute, categories.Select(c => new[] { c.Key, c.Value, "*" }));

    private static string Band(int value, int width)
    {
        var start = value / width * width;
        return string.Create(CultureInfo.InvariantCulture, $"{start}-{start + width - 1}");
    }
}

public sealed record AddressEntry(string Address, string City, string State, string Country);
