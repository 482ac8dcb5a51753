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

    public static string LanguageFor(PrivacyPolicy policy, string? requestedLanguage) =>
        requestedLanguage is not null && policy.Notices.ContainsKey(requestedLanguage) ? requestedLanguage : policy.BindingLanguage;

    /// <summary>Quotes values from the structured policy, so the prose cannot disagree with what is enforced.</summary>
    private static string Fill(string paragraph, PrivacyPolicy policy) =>
        PolicyReader.Placeholder().Replace(paragraph, match => match.Groups[1].Value == PolicyReader.DeadlinePlaceholder && policy.Requests.DeadlineBusinessDays is { } days
            ? days.ToString(CultureInfo.InvariantCulture)
            : match.Value);
}
