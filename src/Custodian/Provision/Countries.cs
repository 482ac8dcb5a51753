using System.Collections.Frozen;

namespace Custodian.Provision;

/// <summary>One ISO 3166-1 country: its alpha-2 code and its name in the notice's languages.</summary>
public sealed record Country(string Code, string En, string Ja, string Es)
{
    public string Name(string language) => language switch { "ja" => Ja, "es" => Es, _ => En };
}

/// <summary>
/// The ISO 3166-1 list (codes with English, Japanese and Spanish names, from Debian's iso-codes), so a company's
/// country is chosen from a list or typed as a code or a name ("Japan", "日本", "Japón" → JP); anything else is a field
/// error, never saved as a guess.
/// </summary>
public static class Countries
{
    private static readonly Lazy<(IReadOnlyList<Country> All, FrozenDictionary<string, Country> ByKey)> Table = new(Load);

    public static IReadOnlyList<Country> All => Table.Value.All;

    public static Country? Find(string? codeOrName) =>
        string.IsNullOrWhiteSpace(codeOrName) ? null : Table.Value.ByKey.GetValueOrDefault(Key(codeOrName));

    private static (IReadOnlyList<Country>, FrozenDictionary<string, Country>) Load()
    {
        using var stream = typeof(Countries).Assembly.GetManifestResourceStream("Custodian.Provision.countries.csv")
            ?? throw new InvalidOperationException("The country list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        using var csv = new CsvHelper.CsvReader(reader, System.Globalization.CultureInfo.InvariantCulture);
        var all = new List<Country>();
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            all.Add(new Country(csv.GetField("code")!, csv.GetField("en")!, csv.GetField("ja")!, csv.GetField("es")!));
        }

        var byKey = new Dictionary<string, Country>(StringComparer.Ordinal);
        // Codes win over names: a name that happens to equal another country's code never shadows it.
        foreach (var country in all)
        {
            foreach (var name in new[] { country.En, country.Ja, country.Es })
            {
                byKey.TryAdd(Key(name), country);
            }
        }

        foreach (var country in all)
        {
            byKey[Key(country.Code)] = country;
        }

        return (all, byKey.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static string Key(string text) => text.Trim().ToUpperInvariant();
}
