namespace Custodian.Policy.Notices;

/// <summary>The published notice in one language, ready to show: prose from the notice, lists from the structured policy.</summary>
internal sealed record NoticeView(
    string PolicyId,
    string Version,
    string Language,
    bool IsBinding,
    string? TranslationNote,
    string Title,
    string OperatorName,
    IReadOnlyList<string> Languages,
    IReadOnlyList<NoticeViewSection> Sections);

internal sealed record NoticeViewSection(string Heading, IReadOnlyList<string> Paragraphs, IReadOnlyList<NoticeEntry> Entries, IReadOnlyList<string> Closing);

/// <summary>One line of a list: an optional label (1a, Items, ...), its text, an optional link and nested lines.</summary>
internal sealed record NoticeEntry(string? Label, string Text, IReadOnlyList<NoticeEntry> Children, Uri? Link = null)
{
    public NoticeEntry(string? label, string text)
        : this(label, text, [])
    {
    }
}
