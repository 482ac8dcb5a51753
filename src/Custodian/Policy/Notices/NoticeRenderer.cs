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
            policy.Languages.Order(StringComparer.Ordinal).ToList(),
            sections);
    }

    /// <summary>The text as written; only the binding language's approved text is binding, never a draft.</summary>
    private static NoticeView FromText(PrivacyPolicy policy, NoticeText text) =>
        new(policy.Id, policy.Version, text.Language, text.Language == policy.BindingLanguage && text.Status == TextStatus.Approved, null, text.Title,
            policy.Operator.Name, policy.Languages.Order(StringComparer.Ordinal).ToList(), [])
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

    /// <summary>
    /// A section of the notice by what it shows, as heading and paragraphs: the text's section headed <paramref name="heading"/>
    /// (the policy's own name for it) where the policy has a text, otherwise its notice section showing <paramref name="list"/>.
    /// </summary>
    public static NoticeViewSection? Section(PrivacyPolicy policy, string language, NoticeList list, string heading)
    {
        if (policy.Texts.TryGetValue(language, out var text))
        {
            var start = text.Blocks.ToList().FindIndex(b => b.Kind == TextBlockKind.Heading && string.Equals(Words(b), heading, StringComparison.OrdinalIgnoreCase));
            return start < 0
                ? null
                : new NoticeViewSection(Words(text.Blocks[start]), text.Blocks.Skip(start + 1).TakeWhile(b => b.Kind != TextBlockKind.Heading).Select(Words).ToList(), [], []);
        }

        return policy.Notices.TryGetValue(language, out var notice) && notice.Sections.FirstOrDefault(s => s.List == list) is { } section
            ? new NoticeViewSection(section.Heading, section.Paragraphs, [], section.Closing)
            : null;
    }

    private static string Words(TextBlock block) => string.Concat(block.Runs.Select(r => r.Text));

    public static string LanguageFor(PrivacyPolicy policy, string? requestedLanguage) =>
        policy.Speaks(requestedLanguage) ? requestedLanguage! : policy.BindingLanguage;

    /// <summary>Quotes values from the structured policy, so the prose cannot disagree with what is enforced.</summary>
    private static string Fill(string paragraph, PrivacyPolicy policy) =>
        PolicyReader.Placeholder().Replace(paragraph, match => match.Groups[1].Value == PolicyReader.DeadlinePlaceholder && policy.Requests.DeadlineBusinessDays is { } days
            ? days.ToString(CultureInfo.InvariantCulture)
            : match.Value);
}
