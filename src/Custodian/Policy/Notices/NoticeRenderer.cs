using System.Globalization;
using Custodian.Policy.Loading;

namespace Custodian.Policy.Notices;

/// <summary>Builds the notice a person reads from the same policy object enforcement reads.</summary>
internal static class NoticeRenderer
{
    /// <summary>The notice in the requested language, or in the binding language when that one is missing or unknown.</summary>
    public static NoticeView Render(PrivacyPolicy policy, string? requestedLanguage)
    {
        var language = LanguageFor(policy, requestedLanguage);
        if (policy.Texts.TryGetValue(language, out var text))
        {
            return FromText(policy, text);
        }

        var notice = policy.Notices[language];
        var builder = new NoticeLists(policy, language, NoticeLabels.For(language));
        var sections = notice.Sections
            .Select(section => new NoticeViewSection(
                section.Heading,
                section.Paragraphs.Select(p => Fill(p, policy)).ToList(),
                section.List is { } list ? builder.Build(list) : [],
                section.Closing.Select(p => Fill(p, policy)).ToList()))
            .ToList();
        return new NoticeView(
            policy.Id,
            policy.Version,
            language,
            language == policy.BindingLanguage,
            language == policy.BindingLanguage ? null : notice.TranslationNote,
            notice.Title,
            policy.Operator.Name,
            policy.Notices.Keys.Order(StringComparer.Ordinal).ToList(),
            sections);
    }

    /// <summary>The text as written; only the binding language's approved text is binding, never a draft.</summary>
    private static NoticeView FromText(PrivacyPolicy policy, NoticeText text) =>
        new(policy.Id, policy.Version, text.Language, text.Language == policy.BindingLanguage && text.Status == TextStatus.Approved, null, text.Title,
            policy.Operator.Name, policy.Notices.Keys.Order(StringComparer.Ordinal).ToList(), [])
        {
            Status = text.Status,
            ShowVersion = !policy.OperatorSet.Any(value => value.Path == "version"),
            Blocks = text.Blocks.Select(block => new NoticeBlock(block.Kind, block.Level, block.Runs.Select(run => new NoticeRun(run.Text, Link(policy, run))).ToList())).ToList(),
            ApprovedLanguages = policy.Texts.Values.Where(t => t.Status == TextStatus.Approved).Select(t => t.Language).Order(StringComparer.Ordinal).ToList(),
        };

    /// <summary>Words marked opt-out:partner link to that partner's opt-out address (set by the operator); other marks are plain words.</summary>
    private static Uri? Link(PrivacyPolicy policy, TextRun run) =>
        run.Kind == "opt-out" && policy.Recipients.AdvertisingPartners.FirstOrDefault(p => p.Id == run.Id)?.OptOutUrl is { } url
            ? new Uri(url, UriKind.Absolute)
            : null;

    public static string LanguageFor(PrivacyPolicy policy, string? requestedLanguage) =>
        requestedLanguage is not null && policy.Notices.ContainsKey(requestedLanguage) ? requestedLanguage : policy.BindingLanguage;

    /// <summary>Quotes values from the structured policy, so the prose cannot disagree with what is enforced.</summary>
    private static string Fill(string paragraph, PrivacyPolicy policy) =>
        PolicyReader.Placeholder().Replace(paragraph, match => match.Groups[1].Value == PolicyReader.DeadlinePlaceholder && policy.Requests.DeadlineBusinessDays is { } days
            ? days.ToString(CultureInfo.InvariantCulture)
            : match.Value);
}
