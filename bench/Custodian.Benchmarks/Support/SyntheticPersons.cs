using Custodian.Vault;

namespace Custodian.Benchmarks.Support;

/// <summary>Made-up candidates, deterministic per index.</summary>
internal static class SyntheticPersons
{
    private static readonly string[] Careers = ["Registered nurse", "Software engineer", "Accountant", "Sales manager", "Care worker"];

    public static Dictionary<string, string?> Items(int i) => new()
    {
        ["name"] = $"Candidate {i}",
        ["sex"] = i % 2 == 0 ? "female" : "male",
        ["date-of-birth"] = $"{1960 + i % 45}-{1 + i % 12:00}-{1 + i % 28:00}",
        ["address"] = $"Calle {i % 500} No. {i % 97}, Querétaro",
        // Unique below ten million, as e-mails are: an import skips a row whose telephone someone already has.
        ["telephone"] = $"+52 442 {i / 10000 % 1000:000} {i % 10000:0000}",
        ["email"] = $"candidate{i}@example.com",
        ["experience"] = $"{i % 30} years",
        ["career"] = Careers[i % Careers.Length],
    };

    public static Registration Registration(int i) => new("service-application", Items(i));

    public static readonly string[] Columns = ["name", "sex", "date-of-birth", "address", "telephone", "email", "experience", "career"];
}
