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
    IReadOnlyList<NoticeViewSection> Sections)
{
    /// <summary>Where the policy names a text file for the language: its status, and its lines as written.</summary>
    public TextStatus? Status { get; init; }

    public IReadOnlyList<NoticeBlock> Blocks { get; init; } = [];

    /// <summary>False where the operator set the version rather than took it from the text: the notice does not show it as a date of the policy.</summary>
    public bool ShowVersion { get; init; } = true;

    /// <summary>The languages whose text the operator approved, for a draft's banner to point to.</summary>
    public IReadOnlyList<string> ApprovedLanguages { get; init; } = [];
}

/// <summary>A line of the text file: heading, paragraph or list item, its words with the links the marks give them.</summary>
internal sealed record NoticeBlock(TextBlockKind Kind, int Level, IReadOnlyList<NoticeRun> Runs);

internal sealed record NoticeRun(string Text, Uri? Link);

internal sealed record NoticeViewSection(string Heading, IReadOnlyList<string> Paragraphs, IReadOnlyList<NoticeEntry> Entries, IReadOnlyList<string> Closing);

/// <summary>One line of a list: an optional label (1a, Items, ...), its text, an optional link and nested lines.</summary>
internal sealed record NoticeEntry(string? Label, string Text, IReadOnlyList<NoticeEntry> Children, Uri? Link = null)
{
    public NoticeEntry(string? label, string text)
        : this(label, text, [])
    {
    }
}
