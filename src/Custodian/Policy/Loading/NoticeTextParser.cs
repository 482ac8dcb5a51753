using System.Text.RegularExpressions;

namespace Custodian.Policy.Loading;

/// <summary>
/// Reads a notice text file: a small Markdown subset with one block per line (<c># title</c>, <c>## heading</c>, <c>- item</c>,
/// anything else a paragraph) and marks <c>[words](kind:id)</c> that tie the words to the structured policy. Nothing else is
/// interpreted, so the operator's words come out exactly as they were written.
/// </summary>
internal static partial class NoticeTextParser
{
    /// <summary>What a mark may name: an item, a purpose, a recipient, or a partner whose opt-out address the words link to.</summary>
    public static readonly string[] Kinds = ["item", "purpose", "recipient", "opt-out"];

    public sealed record Mark(string Kind, string Id, long Line, long Column);

    public sealed record Parsed(string? Title, IReadOnlyList<TextBlock> Blocks, IReadOnlyList<Mark> Marks);

    public static Parsed Parse(string text, string file, List<PolicyError> errors)
    {
        string? title = null;
        var blocks = new List<TextBlock>();
        var marks = new List<Mark>();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].TrimEnd();
            var number = index + 1;
            if (line.Length == 0)
            {
                continue;
            }

            var (kind, level, start) = Classify(line);
            if (title is null)
            {
                if (kind != TextBlockKind.Heading || level != 1)
                {
                    errors.Add(new PolicyError(file, number, 1, PolicyRules.TextFormat, "a notice text begins with its title, as '# Title'"));
                    return new Parsed(null, blocks, marks);
                }

                title = line[start..];
                continue;
            }

            if (kind == TextBlockKind.Heading && level == 1)
            {
                errors.Add(new PolicyError(file, number, 1, PolicyRules.TextFormat, "a notice text has one title; use '## ' for a heading"));
                continue;
            }

            blocks.Add(new TextBlock(kind, level, Runs(line, start, number, file, marks, errors)));
        }

        if (title is null)
        {
            errors.Add(new PolicyError(file, 1, 1, PolicyRules.TextFormat, "the notice text is empty"));
        }

        return new Parsed(title, blocks, marks);
    }

    private static (TextBlockKind Kind, int Level, int Start) Classify(string line)
    {
        var hashes = line.TakeWhile(c => c == '#').Count();
        if (hashes > 0 && line.Length > hashes && line[hashes] == ' ')
        {
            return (TextBlockKind.Heading, Math.Min(hashes, 3), hashes + 1);
        }

        return line.StartsWith("- ", StringComparison.Ordinal) ? (TextBlockKind.ListItem, 0, 2) : (TextBlockKind.Paragraph, 0, 0);
    }

    private static List<TextRun> Runs(string line, int start, long number, string file, List<Mark> marks, List<PolicyError> errors)
    {
        var runs = new List<TextRun>();
        var at = start;
        foreach (Match match in MarkPattern().Matches(line, start))
        {
            if (match.Index > at)
            {
                runs.Add(new TextRun(line[at..match.Index]));
            }

            var words = match.Groups["words"].Value;
            var kind = match.Groups["kind"].Value;
            var id = match.Groups["id"].Value;
            var column = match.Index + 1;
            if (!Kinds.Contains(kind, StringComparer.Ordinal) || id.Length == 0)
            {
                errors.Add(new PolicyError(file, number, column, PolicyRules.TextFormat,
                    $"a mark is [words](kind:id) with kind one of: {string.Join(", ", Kinds)}"));
                runs.Add(new TextRun(words));
            }
            else
            {
                marks.Add(new Mark(kind, id, number, column));
                runs.Add(new TextRun(words, kind, id));
            }

            at = match.Index + match.Length;
        }

        if (at < line.Length)
        {
            runs.Add(new TextRun(line[at..]));
        }

        return runs;
    }

    [GeneratedRegex(@"\[(?<words>[^\[\]]+)\]\((?<kind>[a-z-]*):?(?<id>[^()\s]*)\)")]
    private static partial Regex MarkPattern();
}
