using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Custodian.Policy.Loading;

/// <summary>The notice in each language, and the rules that keep translations in step with the binding text.</summary>
internal sealed partial class PolicyReader
{
    /// <summary>Values a paragraph may quote from the structured data instead of repeating them.</summary>
    internal const string DeadlinePlaceholder = "deadline-business-days";

    private static readonly Dictionary<string, NoticeList> Lists = new(StringComparer.Ordinal)
    {
        ["purposes"] = NoticeList.Purposes,
        ["client-companies"] = NoticeList.ClientCompanies,
        ["provision-without-consent"] = NoticeList.ProvisionWithoutConsent,
        ["joint-use"] = NoticeList.JointUse,
        ["anonymized"] = NoticeList.Anonymized,
        ["advertising-partners"] = NoticeList.AdvertisingPartners,
        ["request-types"] = NoticeList.RequestTypes,
        ["refusal-grounds"] = NoticeList.RefusalGrounds,
        ["identity-documents"] = NoticeList.IdentityDocuments,
        ["contact-points"] = NoticeList.ContactPoints,
        ["partner-companies"] = NoticeList.PartnerCompanies,
    };

    private readonly List<(string Text, YamlNode Node, string Path)> noticeTexts = [];
    private readonly Dictionary<string, (YamlMappingNode Node, List<NoticeList> Lists, bool HasNote)> noticeShapes = new(StringComparer.Ordinal);

    private Dictionary<string, Notice> ReadNotices(YamlMap map)
    {
        var notices = new Dictionary<string, Notice>(StringComparer.Ordinal);
        foreach (var (language, key, value) in map.All())
        {
            if (!IsLanguageCode(language))
            {
                diagnostics.Add(key, PolicyRules.InvalidValue, $"{map.Path}: '{language}' is not a two-letter language code");
            }

            if (YamlMap.From(value, $"{map.Path}.{language}", diagnostics) is not { } notice)
            {
                continue;
            }

            var title = notice.Text("title");
            var note = notice.Text("translation-note", required: false);
            var lists = new List<NoticeList>();
            var sections = ReadEach(notice, "sections", section => ReadSection(section, lists));
            noticeShapes[language] = (notice.Node, lists, note is not null);
            notice.Done();
            if (title is not null)
            {
                notices[language] = new Notice { Title = title, Sections = sections, TranslationNote = note };
            }
        }

        return notices;
    }

    private NoticeSection? ReadSection(YamlMap map, List<NoticeList> lists)
    {
        var heading = map.Text("heading");
        var paragraphs = Paragraphs(map, "paragraphs", required: true);
        var list = map.TextAt("list", required: false);
        NoticeList? kind = null;
        if (list is { } name)
        {
            if (Lists.TryGetValue(name.Value, out var known))
            {
                kind = known;
                lists.Add(known);
            }
            else
            {
                diagnostics.Add(name.Node, PolicyRules.InvalidValue, $"{map.Path}.list must be one of: {string.Join(", ", Lists.Keys)}");
            }
        }

        var closing = Paragraphs(map, "closing", required: false);
        return heading is null ? null : new NoticeSection { Heading = heading, Paragraphs = paragraphs, List = kind, Closing = closing };
    }

    private List<string> Paragraphs(YamlMap map, string key, bool required)
    {
        var texts = map.Texts(key, required);
        noticeTexts.AddRange(texts.Select(t => (t.Value, t.Node, $"{map.Path}.{key}")));
        return texts.Select(t => t.Value).ToList();
    }

    private void CheckNotices(Dictionary<string, Notice> notices, YamlMap map, string? binding, Recipients recipients, RequestProcedure? requests)
    {
        CheckLanguages(notices.Keys);
        if (binding is not null && !noticeShapes.ContainsKey(binding))
        {
            diagnostics.Add(map.Node, PolicyRules.MissingBindingNotice, $"the binding language '{binding}' has no notice");
        }

        foreach (var (language, (node, lists, hasNote)) in noticeShapes)
        {
            if (language != binding && !hasNote && binding is not null)
            {
                diagnostics.Add(node, PolicyRules.RequiredField, $"{map.Path}.{language}: a translation needs a 'translation-note' saying that only the '{binding}' notice is binding");
            }

            if (binding is not null && language != binding && noticeShapes.TryGetValue(binding, out var bindingShape) && !lists.SequenceEqual(bindingShape.Lists))
            {
                diagnostics.Add(node, PolicyRules.NoticeMismatch, $"{map.Path}.{language} shows lists [{string.Join(", ", lists)}] but the binding notice shows [{string.Join(", ", bindingShape.Lists)}]");
            }

            foreach (var missing in lists.Distinct().Where(list => !HasData(list, recipients)))
            {
                diagnostics.Add(node, PolicyRules.InvalidValue, $"{map.Path}.{language} shows the {missing} list, which the policy does not define");
            }
        }

        foreach (var (text, node, path) in noticeTexts)
        {
            foreach (Match match in Placeholder().Matches(text))
            {
                var name = match.Groups[1].Value;
                if (name != DeadlinePlaceholder || requests?.DeadlineBusinessDays is null)
                {
                    diagnostics.Add(node, PolicyRules.UnknownPlaceholder, $"{path}: '{{{name}}}' names no value of this policy");
                }
            }
        }
    }

    private static bool HasData(NoticeList list, Recipients recipients) => list switch
    {
        NoticeList.ClientCompanies => recipients.ClientCompanies is not null,
        NoticeList.JointUse => recipients.JointUse is not null,
        NoticeList.AdvertisingPartners => recipients.AdvertisingPartners.Count > 0,
        NoticeList.PartnerCompanies => recipients.PartnerCompanies is not null,
        _ => true,
    };

    [GeneratedRegex(@"\{([^{}\s]+)\}")]
    internal static partial Regex Placeholder();
}
