using Custodian.Policy;

namespace Custodian.Requests.Letters;

/// <summary>
/// Turns the ids enforcement keeps (items, purposes, channels, consent choices) into the words of the letter's
/// language, from the policy and the letter templates, so a person never reads <c>name,sex</c> or a purpose id.
/// </summary>
internal sealed class LetterWords(LetterTemplates templates)
{
    public string Items(PrivacyPolicy policy, string ids, string language) =>
        string.Join(Separator(language), ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(id => policy.FindItem(id)?.Name[language] ?? Term(policy, id, language)));

    public string Purpose(PrivacyPolicy policy, string id, string language) =>
        policy.FindPurpose(id) is { } purpose ? $"{purpose.Label}. {purpose.Description[language]}" : Term(policy, id, language);

    /// <summary>The recipient by name, with its country in the letter's language when it is abroad.</summary>
    public static string Recipient(ProvisionRecordLine record, string language) =>
        record.Country is { } code && Provision.Countries.Find(code) is { } country ? $"{record.Recipient} ({country.Name(language)})" : record.Recipient;

    public string Channel(PrivacyPolicy policy, string id, string language) =>
        policy.FindChannel(id)?.Name[language] ?? Term(policy, id, language);

    public string Consent(bool given, string language) => templates.Label(language, given ? "consent.given" : "consent.withdrawn");

    // Ids the policy does not name (provision without consent, staff, privacy centre) are labelled in the templates.
    private string Term(PrivacyPolicy policy, string id, string language) =>
        policy.Terms.TryGetValue(id, out var text) ? text[language] : templates.Label(language, "term." + id) is var label && label != "term." + id ? label : id;

    private static string Separator(string language) => language == "ja" ? "、" : ", ";
}
