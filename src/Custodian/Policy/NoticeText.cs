using System.Text.Json.Serialization;

namespace Custodian.Policy;

/// <summary>
/// The notice text of one language, read from the file the policy names (<c>texts:</c>). The notice publishes it as written:
/// an <see cref="TextStatus.Approved"/> text is the operator's own words, a draft is a translation made here.
/// </summary>
public sealed record NoticeText
{
    public required string Language { get; init; }
    public required TextStatus Status { get; init; }
    /// <summary>The file as the policy names it, relative to the policy file.</summary>
    public required string File { get; init; }
    public required string Title { get; init; }
    public required IReadOnlyList<TextBlock> Blocks { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<TextStatus>))]
public enum TextStatus
{
    /// <summary>The operator's approved text, published word for word.</summary>
    Approved,
    /// <summary>A translation made here, not approved by the operator: shown as an unofficial draft, never as binding.</summary>
    DraftTranslation,
}

/// <summary>One line of a text file: a heading (level 2 or 3), a paragraph or a list item.</summary>
public sealed record TextBlock(TextBlockKind Kind, int Level, IReadOnlyList<TextRun> Runs);

[JsonConverter(typeof(JsonStringEnumConverter<TextBlockKind>))]
public enum TextBlockKind
{
    Heading,
    Paragraph,
    ListItem,
}

/// <summary>
/// Words of the text; where the file marks them as naming part of the structured policy (<c>[words](item:id)</c>), the kind and id
/// of what they name. The words are published as they are; the mark only ties them to the data.
/// </summary>
public sealed record TextRun(string Text, string? Kind = null, string? Id = null);

/// <summary>A value the operator set in the policy file that the published text does not state, where it is written.</summary>
public sealed record OperatorSetValue(string Path, string Value, long Line, long Column);
