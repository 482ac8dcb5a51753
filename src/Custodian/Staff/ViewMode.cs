namespace Custodian.Staff;

/// <summary>How an item of a category reaches a role.</summary>
internal enum ViewMode
{
    Visible,
    Hidden,
    LastFour,
    YearOnly,
    Initials,
}

internal static class ViewModes
{
    public static readonly IReadOnlyDictionary<string, ViewMode> ByName = new Dictionary<string, ViewMode>(StringComparer.Ordinal)
    {
        ["visible"] = ViewMode.Visible,
        ["hidden"] = ViewMode.Hidden,
        ["last-four"] = ViewMode.LastFour,
        ["year-only"] = ViewMode.YearOnly,
        ["initials"] = ViewMode.Initials,
    };

    public static string Name(ViewMode mode) => ByName.First(p => p.Value == mode).Key;

    /// <summary>The masked value, or null when the item is hidden altogether.</summary>
    public static string? Apply(ViewMode mode, string value) => mode switch
    {
        ViewMode.Visible => value,
        ViewMode.LastFour => value.Length <= 4 ? new string('•', value.Length) : new string('•', value.Length - 4) + value[^4..],
        // Dates are stored as ISO yyyy-MM-dd; anything else shows nothing rather than guessing.
        ViewMode.YearOnly => value.Length >= 4 && value[..4].All(char.IsAsciiDigit) ? value[..4] : "",
        ViewMode.Initials => string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + ".")),
        _ => null,
    };

    public static IReadOnlyDictionary<string, ViewMode> Parse(string stored) =>
        stored.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(kv => kv.Length == 2 && ByName.ContainsKey(kv[1]))
            .ToDictionary(kv => kv[0], kv => ByName[kv[1]], StringComparer.Ordinal);

    public static string Format(IReadOnlyDictionary<string, ViewMode> views) =>
        string.Join(';', views.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={Name(p.Value)}"));
}
