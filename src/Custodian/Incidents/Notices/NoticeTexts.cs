using System.Globalization;
using Custodian.Incidents.Reports;
using Custodian.Mail;
using Custodian.Policy;
using Microsoft.Extensions.Options;

namespace Custodian.Incidents.Notices;

/// <summary>
/// The values of the <c>incident-notice</c> template (policies/letters/mail) in one person's language: what happened, the
/// cause in the report's words, the items as the policy names them, what the operator did, and where to ask. The letter
/// prints the same text as the e-mail, so a person is told the same thing whichever way it reaches them.
/// </summary>
internal sealed class NoticeTexts(MailTemplates mail, ReportTemplates reports, PolicyStore policies, IOptions<IncidentsOptions> options, IOptions<MailOptions> site)
{
    private static readonly TimeZoneInfo Japan = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    // The salutation when the name is not held (a record imported without one).
    private static readonly Dictionary<string, string> NoName = new(StringComparer.Ordinal) { ["ja"] = "お客", ["en"] = "customer", ["es"] = "cliente" };

    public bool Speaks(string language) => mail.Languages.Contains(language) && reports.Languages.Contains(language);

    public string DefaultLanguage(string policyId) =>
        policies.Find(policyId) is { } policy && options.Value.Notices.LanguageFor(policy) is var language && Speaks(language) ? language : "en";

    public Dictionary<string, string> Values(Incident incident, string policyId, string language, string? name, bool publicNotice)
    {
        var t = reports.For(language);
        var policy = policies.Find(policyId) ?? policies.Default;
        var contact = policy.Operator.ContactPoints.FirstOrDefault();
        var root = site.Value.SiteUrl.TrimEnd('/');
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = string.IsNullOrWhiteSpace(name) ? NoName.GetValueOrDefault(language, "customer") : name.Trim(),
            ["operator"] = policy.Operator.Name,
            ["number"] = incident.Number.ToString(CultureInfo.InvariantCulture),
            ["learned"] = t.Date(DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(incident.LearnedAt, DateTimeKind.Utc), Japan))),
            ["summary"] = incident.Summary,
            ["cause"] = t.Causes[incident.Cause.Name()],
            ["items"] = incident.ItemIds.Count == 0 ? "—" : string.Join(t.ListSeparator, incident.ItemIds.Select(i => ItemName(i, language))),
            ["containment"] = string.IsNullOrWhiteSpace(incident.Containment) ? "—" : incident.Containment,
            ["contact"] = contact is null ? "" : string.Join(", ", new[] { contact.Name, contact.Email, contact.Telephone }.Where(s => !string.IsNullOrEmpty(s))),
            ["link"] = root + (publicNotice ? $"/privacy/incidents/{incident.Number}?lang={language}" : $"/privacy/contact?lang={language}"),
        };
    }

    /// <summary>The notice's subject and body in <paramref name="language"/>, for a letter.</summary>
    public (string Subject, string Body) Render(string language, IReadOnlyDictionary<string, string> values) =>
        mail.Render(IncidentNotices.Template, language, values) is { Succeeded: true } rendered
            ? rendered.Value
            : throw new InvalidOperationException("The incident notice template does not render.");

    private string ItemName(string item, string language)
    {
        var slash = item.IndexOf('/', StringComparison.Ordinal);
        return (slash < 0 ? null : policies.Find(item[..slash])?.FindItem(item[(slash + 1)..]))?.Name[language] ?? item;
    }
}
