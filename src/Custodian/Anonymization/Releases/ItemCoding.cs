using System.Globalization;
using System.Text;

namespace Custodian.Anonymization;

/// <summary>
/// Turns free-text items into the coarse values a release or a statistic may show. Anything that does not parse
/// becomes <see cref="Unknown"/>: free text itself never leaves.
/// </summary>
internal static class ItemCoding
{
    public const string Unknown = "unknown";
    public const string Other = "other";

    public static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public static int Age(DateOnly birth, DateOnly today) =>
        today.Year - birth.Year - (today < birth.AddYears(today.Year - birth.Year) ? 1 : 0);

    /// <summary>The first whole number in the text ("6 years of nursing" → 6).</summary>
    public static int? Years(string? value)
    {
        if (value is null) return null;
        var start = value.AsSpan().IndexOfAnyInRange('0', '9');
        if (start < 0) return null;
        var digits = value.AsSpan(start);
        var end = digits.IndexOfAnyExceptInRange('0', '9');
        return int.TryParse(end < 0 ? digits : digits[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var years) && years <= 100 ? years : null;
    }

    public static string Sex(string? value) => value?.Trim().ToLowerInvariant() is { Length: > 0 } sex ? sex : Unknown;

    /// <summary>A job title, normalized so that spelling and case do not make one title look like two.</summary>
    public static string Title(string? value) =>
        string.IsNullOrWhiteSpace(value) ? Unknown : string.Join(' ', value.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    public static string CareerCategory(string title, IReadOnlyDictionary<string, string> categories)
    {
        if (title == Unknown) return Unknown;
        foreach (var (word, category) in categories.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            if (title.Contains(word, StringComparison.OrdinalIgnoreCase)) return category;
        }
        return Other;
    }

    public static string AgeBand(string? dateOfBirth, DateOnly today, int topCode)
    {
        if (Date(dateOfBirth) is not { } birth) return Unknown;
        var age = Age(birth, today);
        if (age >= topCode) return string.Create(CultureInfo.InvariantCulture, $"{topCode}+");
        var start = age / 10 * 10;
        return string.Create(CultureInfo.InvariantCulture, $"{start}-{start + 9}");
    }

    /// <summary>The Mexican state an address names (its last part, or any part, compared without accents).</summary>
    public static string State(string? address)
    {
        if (string.IsNullOrWhiteSpace(address)) return Unknown;
        var parts = address.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Reverse().Select(Fold);
        foreach (var part in parts)
        {
            var state = MexicanStates.FirstOrDefault(s => part.Contains(Fold(s), StringComparison.Ordinal));
            if (state is not null) return state;
        }
        return Other;
    }

    private static string Fold(string text) =>
        new(text.Normalize(NormalizationForm.FormD).Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            .Select(char.ToLowerInvariant).ToArray());

    // Longest names first, so "Ciudad de México" wins over "México".
    private static readonly string[] MexicanStates = new[]
    {
        "Aguascalientes", "Baja California Sur", "Baja California", "Campeche", "Chiapas", "Chihuahua", "Ciudad de México", "Coahuila",
        "Colima", "Durango", "Estado de México", "Guanajuato", "Guerrero", "Hidalgo", "Jalisco", "Michoacán", "Morelos", "Nayarit",
        "Nuevo León", "Oaxaca", "Puebla", "Querétaro", "Quintana Roo", "San Luis Potosí", "Sinaloa", "Sonora", "Tabasco",
        "Tamaulipas", "Tlaxcala", "Veracruz", "Yucatán", "Zacatecas",
    }.OrderByDescending(s => s.Length).ToArray();
}
