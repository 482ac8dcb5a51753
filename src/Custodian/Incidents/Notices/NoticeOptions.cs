using Custodian.Policy;

namespace Custodian.Incidents.Notices;

/// <summary>
/// <c>Incidents:Notices</c>. A notice reads the person's name, e-mail and postal address through the gate under a purpose
/// of their policy that covers telling them (the group policy's 「法令…が求める通知」, legal-notification; the Mexican
/// policy's incidental tasks, 1g); the language is the person's own where known, otherwise the one of the policy's country.
/// </summary>
public sealed class NoticeOptions
{
    /// <summary>Policy id → the purpose the notice's reads declare. Checked at start: a purpose of that policy, needing no consent.</summary>
    public Dictionary<string, string> Purposes { get; set; } = new(StringComparer.Ordinal)
    {
        ["leverages-group"] = "legal-notification",
        ["leverages-career-mexico"] = "service.incidental",
    };

    /// <summary>Policy calendar → the language of a person who never told us theirs (jp: ja, mx: es; any other: en).</summary>
    public Dictionary<string, string> LanguageByCalendar { get; set; } = new(StringComparer.Ordinal)
    {
        ["jp"] = "ja",
        ["mx"] = "es",
    };

    public string LanguageFor(PrivacyPolicy policy) => LanguageByCalendar.GetValueOrDefault(policy.Calendar, "en");

    internal IEnumerable<string> Problems(PolicyStore policies)
    {
        const string Key = IncidentsOptions.Section + ":Notices:Purposes";
        foreach (var (policyId, purpose) in Purposes)
        {
            var found = policies.Find(policyId)?.FindPurpose(purpose);
            if (policies.Find(policyId) is not null && (found is null || found.RequiresConsent))
            {
                yield return $"{Key}:{policyId}: '{purpose}' is not a purpose of that policy that needs no consent.";
            }
        }

        foreach (var (calendar, language) in LanguageByCalendar)
        {
            if (language is not ("ja" or "en" or "es"))
            {
                yield return $"{IncidentsOptions.Section}:Notices:LanguageByCalendar:{calendar}: one of ja, en, es.";
            }
        }
    }
}
