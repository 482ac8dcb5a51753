using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Custodian.Common;
using Custodian.Policy;
using Custodian.Requests;
using Custodian.Requests.Letters;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Custodian.Incidents.Reports;

/// <summary>What the persons were told so far, for the report's response and publication items.</summary>
internal sealed record NoticeFacts(int Notified, DateTime? FirstAt, DateTime? LastAt, DateTime? PublishedAt, IReadOnlyDictionary<Notices.NoticeChannel, int> ByChannel)
{
    public static readonly NoticeFacts None = new(0, null, null, null, new Dictionary<Notices.NoticeChannel, int>());
}

/// <summary>
/// Drafts of the preliminary (速報) and final (確報) reports to the PPC with Enforcement Rule Art. 8(1)'s nine items,
/// prefilled from the incident register: what happened and how it was learned of, the items involved (named as the
/// policy names them), the persons counted from the affected list, the cause class, containment, the assessment and the
/// deadlines, and what the persons were told. The texts are <see cref="ReportTemplates"/>'; PDF as the request letters.
/// </summary>
internal sealed class ReportDrafts(
    IDbContextFactory<CustodianDb> factory, IncidentRegister register, PolicyStore policies, ReportTemplates templates, IOptions<RequestsOptions> letters,
    TimeProvider time)
{
    public static readonly IReadOnlyList<string> Stages = ["preliminary", "final"];

    private static readonly TimeZoneInfo Japan = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static readonly IReadOnlyList<string> Formats = ["pdf", "json"];

    /// <summary>The command line's draft: the incident by id or number, the language as <c>--lang</c>; an unknown incident is bad input.</summary>
    public async Task<Result<ReportDraft>> DraftAsync(string? incident, string? stage, string? language, CancellationToken cancellationToken = default)
    {
        if (Check(stage, language, "lang") is { } bad)
        {
            return bad;
        }

        return await register.FindAsync(incident, cancellationToken) is { } id
            ? await DraftAsync(id, stage!, language!, cancellationToken)
            : Failure.Invalid("incident", "incident.unknown", "No incident has this id or number.");
    }

    /// <summary>The API's draft: the incident by id (unknown is not found), the language as <c>language</c>.</summary>
    public async Task<Result<ReportDraft>> DraftAsync(Guid incident, string? stage, string? language, string languageField, CancellationToken cancellationToken = default) =>
        Check(stage, language, languageField) is { } bad ? bad : await DraftAsync(incident, stage!, language!, cancellationToken);

    private Failure? Check(string? stage, string? language, string languageField) =>
        stage is null || !Stages.Contains(stage) ? Failure.Invalid("stage", "report.stage", "The stage is preliminary or final.")
        : language is null || !templates.Languages.Contains(language)
            ? Failure.Invalid(languageField, "report.language", $"The language is one of {string.Join(", ", templates.Languages.Order(StringComparer.Ordinal))}.")
        : null;

    private async Task<Result<ReportDraft>> DraftAsync(Guid id, string stage, string language, CancellationToken cancellationToken)
    {
        var view = await register.GetAsync(id, cancellationToken);
        if (view.Failure is { } failure)
        {
            return failure;
        }

        var notices = await NoticesAsync(id, cancellationToken);
        return Draft(view.Value!, notices, stage, templates.For(language), language);
    }

    public static string ToJson(ReportDraft draft) => JsonSerializer.Serialize(draft, Json);

    public byte[] ToPdf(ReportDraft draft)
    {
        LetterFonts.Install(letters.Value.LetterFont);
        var pdf = new PdfLetter();
        draft.Notes.ToList().ForEach(n => pdf.Paragraph(n));
        foreach (var section in draft.Sections)
        {
            pdf.Heading($"{section.Number}. {section.Heading}").Paragraph(section.Text);
        }

        return pdf.Render(draft.Title);
    }

    private ReportDraft Draft(IncidentView view, NoticeFacts notices, string stage, ReportTemplates.ReportFile t, string language)
    {
        var incident = view.Incident;
        var policy = incident.PolicyIds.Select(policies.Find).FirstOrDefault(p => p is not null);
        var persons = view.PersonsListed > 0 ? view.PersonsListed : incident.AffectedCount;
        var cause = t.Causes[incident.Cause.Name()];
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["number"] = incident.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["operator"] = policy?.Operator.Name ?? "",
            ["today"] = t.Date(JapanDay(time.GetUtcNow().UtcDateTime)),
            ["learnedOn"] = t.Date(JapanDay(incident.LearnedAt)),
            ["learnedHow"] = incident.LearnedHow,
            ["summary"] = incident.Summary,
            ["cause"] = cause,
            ["items"] = string.Join(t.ListSeparator, incident.ItemIds.Select(i => ItemName(i, language))),
            ["count"] = persons?.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo(t.Culture)) ?? "",
            ["basis"] = t.Text[view.PersonsListed > 0 ? "basis-list" : "basis-count"],
            ["notified"] = notices.Notified.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo(t.Culture)),
            ["first"] = notices.FirstAt is { } first ? t.Date(JapanDay(first)) : "",
            ["last"] = notices.LastAt is { } last ? t.Date(JapanDay(last)) : "",
            ["published"] = notices.PublishedAt is { } published ? t.Date(JapanDay(published)) : "",
            ["channels"] = string.Join(t.ListSeparator, notices.ByChannel.Where(c => c.Value > 0).OrderBy(c => c.Key)
                .Select(c => ReportTemplates.ReportFile.Fill(t.Text["channel-" + c.Key.ToString().ToLowerInvariant()], new Dictionary<string, string> { ["n"] = c.Value.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo(t.Culture)) }))),
            ["containment"] = incident.Containment,
            ["decision"] = t.Decisions[view.Assessment.Decision.ToString()],
            ["preliminaryDue"] = t.Date(view.Deadlines.Preliminary),
            ["finalDue"] = t.Date(view.Deadlines.Final),
            ["policies"] = string.Join(t.ListSeparator, incident.PolicyIds),
        };
        var text = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["overview"] = "overview",
            ["items"] = incident.ItemIds.Count > 0 ? "items" : "items-none",
            ["persons"] = persons is null ? "persons-none" : incident.Status == IncidentStatus.Suspected ? "persons-suspected" : "persons",
            ["cause"] = "cause",
            ["secondary-harm"] = incident.Encrypted && incident.KeysExposed == ExposedKeys.None ? "secondary-harm-encrypted" : "secondary-harm",
            ["response-to-persons"] = notices.Notified > 0 ? "response-done" : "response-none",
            ["publication"] = notices.PublishedAt is null ? "publication-none" : "publication-done",
            ["prevention"] = string.IsNullOrWhiteSpace(incident.Containment) ? "prevention-none" : "prevention",
            ["other"] = "other",
        };
        var sections = ReportTemplates.Sections
            .Select((key, i) => new ReportSection(i + 1, key, t.Sections[key], ReportTemplates.ReportFile.Fill(t.Text[text[key]], values)))
            .ToList();
        var notes = new[] { "incident", "reporter", "drafted", stage == "final" ? "note-final" : "note-preliminary", "note-draft" }
            .Select(l => ReportTemplates.ReportFile.Fill(t.Labels[l], values)).ToList();
        return new ReportDraft(incident.Id, incident.Number, stage, language, t.Title[stage], values["operator"], JapanDay(time.GetUtcNow().UtcDateTime), notes, sections);
    }

    /// <summary>An item as <c>policy/item</c>, named as its policy names it in the language.</summary>
    private string ItemName(string item, string language)
    {
        var slash = item.IndexOf('/', StringComparison.Ordinal);
        var found = slash < 0 ? null : policies.Find(item[..slash])?.FindItem(item[(slash + 1)..]);
        return found?.Name[language] ?? item;
    }

    private async Task<NoticeFacts> NoticesAsync(Guid incident, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await Notices.NoticeRecord.FactsAsync(db, incident, cancellationToken);
    }

    private static DateOnly JapanDay(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Japan));
}
