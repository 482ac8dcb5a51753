namespace Custodian.Server.Tests.Infrastructure;

/// <summary>Made-up candidates for the Mexico policy's service application.</summary>
public static class Candidates
{
    public static Dictionary<string, string?> Items(string email = "maria.lopez@example.com") => new()
    {
        ["name"] = "María López",
        ["sex"] = "female",
        ["address"] = "Av. Constituyentes 100, Querétaro",
        ["telephone"] = "+52 442 123 4567",
        ["email"] = email,
        ["date-of-birth"] = "1994-03-12",
        ["experience"] = "6 years of nursing",
        ["career"] = "Registered nurse",
    };

    public static object Registration(string email = "maria.lopez@example.com", params string[] consents) =>
        new { channel = "service-application", items = Items(email), consents };
}
