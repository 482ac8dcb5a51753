using System.Text;
using YamlDotNet.RepresentationModel;

namespace Custodian.Policy.Loading;

/// <summary>
/// The notice text per language (<c>texts:</c>), each in its own file next to the policy, and the rule that ties an approved
/// text to the structured data: every item, purpose and recipient the text marks exists, and every one that exists is
/// named in the text, unless the policy lists it as the operator's own choice (<c>operator-set:</c>).
/// </summary>
internal sealed partial class PolicyReader
{
    private static readonly Dictionary<string, TextStatus> Statuses = new(StringComparer.Ordinal)
    {
        ["approved"] = TextStatus.Approved,
        ["draft-translation"] = TextStatus.DraftTranslation,
    };

    private readonly Dictionary<string, YamlNode> recipientNodes = new(StringComparer.Ordinal);
    private readonly List<(NoticeText Text, string Path, IReadOnlyList<NoticeTextParser.Mark> Marks)> textMarks = [];

    private Dictionary<string, NoticeText> ReadTexts(YamlMap map)
    {
        var texts = new Dictionary<string, NoticeText>(StringComparer.Ordinal);
        foreach (var (language, key, value) in map.All())
        {
            if (!IsLanguageCode(language))
            {
                diagnostics.Add(key, PolicyRules.InvalidValue, $"{map.Path}: '{language}' is not a two-letter language code");
            }

            if (YamlMap.From(value, $"{map.Path}.{language}", diagnostics) is not { } entry)
            {
                continue;
            }

            var file = entry.TextAt("file");
            var status = entry.TextAt("status");
            entry.Done();
            if (status is { } s && !Statuses.ContainsKey(s.Value))
            {
                diagnostics.Add(s.Node, PolicyRules.InvalidValue, $"{entry.Path}.status must be one of: {string.Join(", ", Statuses.Keys)}");
                status = null;
            }

            if (file is { } f && status is { } known && ReadText(entry.Path, language, f.Value, f.Node, Statuses[known.Value]) is { } text)
            {
                texts[language] = text;
            }
        }

        return texts;
    }

    private NoticeText? ReadText(string path, string language, string file, YamlNode node, TextStatus status)
    {
        if (Path.IsPathRooted(file) || file.Split('/', '\\').Contains(".."))
        {
            diagnostics.Add(node, PolicyRules.InvalidValue, $"{path}.file must be a path inside the policy's folder, relative to the policy file");
            return null;
        }

        // Errors in the text are reported in the text's own file, named as the policy file was.
        var textPath = Path.Combine(Path.GetDirectoryName(diagnostics.File) ?? "", file);
        string content;
        try
        {
            content = File.ReadAllText(textPath, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            diagnostics.Add(node, PolicyRules.UnreadableFile, $"{path}.file '{file}' cannot be read: {e.GetType().Name}");
            return null;
        }

        var errors = new List<PolicyError>();
        var parsed = NoticeTextParser.Parse(content, textPath, errors);
        errors.ForEach(diagnostics.Add);
        if (parsed.Title is null)
        {
            return null;
        }

        var text = new NoticeText { Language = language, Status = status, File = file, Title = parsed.Title, Blocks = parsed.Blocks };
        textMarks.Add((text, textPath, parsed.Marks));
        return text;
    }

    /// <summary>Without notice sections, the texts set the policy's languages: every localized value speaks them, and the binding one has a text.</summary>
    private void CheckTextLanguages(IReadOnlyCollection<string> languages, YamlMap textsMap, string? binding)
    {
        CheckLanguages(languages);
        if (binding is not null && !languages.Contains(binding))
        {
            diagnostics.Add(textsMap.Node, PolicyRules.MissingBindingNotice, $"the binding language '{binding}' has no text");
        }
    }

    private void CheckTexts(IReadOnlyCollection<string> noticeLanguages, YamlMap? textsMap, Recipients recipients, IReadOnlyList<YamlNode> operatorSet)
    {
        foreach (var (language, key, _) in textsMap?.All() ?? [])
        {
            if (!noticeLanguages.Contains(language))
            {
                diagnostics.Add(key, PolicyRules.UnknownLanguage, $"{textsMap!.Path}: '{language}' is not a language the policy has a notice in");
            }
        }

        foreach (var (text, path, marks) in textMarks)
        {
            foreach (var mark in marks.Where(m => !Names(m, recipients)))
            {
                diagnostics.Add(new PolicyError(path, mark.Line, mark.Column, PolicyRules.UnknownInText,
                    $"the '{text.Language}' text names {mark.Kind} '{mark.Id}', which the policy's structured data does not define"));
            }

            if (text.Status == TextStatus.Approved)
            {
                CheckNamed(text, marks, "item", Definitions(KindName(Kind.Item)), operatorSet);
                CheckNamed(text, marks, "purpose", Definitions(KindName(Kind.Purpose)), operatorSet);
                CheckNamed(text, marks, "recipient", recipientNodes, operatorSet);
            }
        }
    }

    private bool Names(NoticeTextParser.Mark mark, Recipients recipients) => mark.Kind switch
    {
        "item" => Definitions(KindName(Kind.Item)).ContainsKey(mark.Id),
        "purpose" => Definitions(KindName(Kind.Purpose)).ContainsKey(mark.Id),
        "recipient" => recipientNodes.ContainsKey(mark.Id),
        _ => recipients.AdvertisingPartners.Any(p => p.Id == mark.Id && p.OptOutUrl is not null),
    };

    /// <summary>Each entry the data defines is named in the approved text, or listed as the operator's own.</summary>
    private void CheckNamed(NoticeText text, IReadOnlyList<NoticeTextParser.Mark> marks, string kind, Dictionary<string, YamlNode> defined, IReadOnlyList<YamlNode> operatorSet)
    {
        foreach (var (id, node) in defined)
        {
            if (!marks.Any(m => m.Kind == kind && m.Id == id) && !operatorSet.Any(set => Contains(set, node)))
            {
                diagnostics.Add(node, PolicyRules.NotInText,
                    $"{kind} '{id}' is not named in the approved '{text.Language}' text ({text.File}): mark the words that name it as [words]({kind}:{id}), or list it under operator-set");
            }
        }
    }

    // A collection node's End is where it starts, not where it ends: walk the tree instead of comparing positions.
    private static bool Contains(YamlNode outer, YamlNode inner) => outer.AllNodes.Any(node => ReferenceEquals(node, inner));

    /// <summary>Records where each recipient is defined, by the id an approved text marks it with.</summary>
    private void DefineRecipient(string id, YamlNode node) => recipientNodes.TryAdd(id, node);
}
