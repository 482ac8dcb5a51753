using System.Net;
using System.Text.RegularExpressions;
using Custodian.Policy;
using Custodian.Policy.Notices;
using Custodian.Server.Tests.Infrastructure;

namespace Custodian.Server.Tests.Policy;

/// <summary>
/// The notice a person reads is the operator's text, not a paraphrase: each English notice as served holds the sentences of the
/// operator's published text (policies/sources/) word for word, and translations made here say they are unofficial drafts.
/// </summary>
public abstract partial class OperatorTextTests(CustodianApp app)
{
    private const double Required = 0.95;

    [Theory]
    [InlineData("leverages-career-mexico", "leverages-career-mexico-how-we-handle-personal-data.txt")]
    [InlineData("leverages-group", "leverages-group-privacy-policy.txt")]
    public async Task The_english_notice_reproduces_the_operator_published_text_sentence_by_sentence(string policy, string source)
    {
        var html = await app.CreateClient().GetStringAsync($"/privacy?lang=en&policy={policy}");
        var served = Collapse(ArticleText(html));
        var sentences = Sentences(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "policies", "sources", source)));

        var missing = sentences.Where(sentence => !served.Contains(sentence, StringComparison.Ordinal)).ToList();

        var present = sentences.Count - missing.Count;
        Assert.True(sentences.Count > 40, $"only {sentences.Count} sentences were found in {source}");
        Assert.True(present >= Required * sentences.Count,
            $"{present} of {sentences.Count} sentences of {source} are served verbatim; missing:{Environment.NewLine}{string.Join(Environment.NewLine, missing)}");
    }

    [Theory]
    [InlineData("leverages-career-mexico", "ja")]
    [InlineData("leverages-career-mexico", "es")]
    [InlineData("leverages-group", "ja")]
    [InlineData("leverages-group", "es")]
    public async Task A_translation_made_here_carries_the_unofficial_draft_banner_and_not_the_binding_note(string policy, string language)
    {
        var html = WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync($"/privacy?lang={language}&policy={policy}"));

        Assert.Contains("class=\"notice-draft\"", html, StringComparison.Ordinal);
        Assert.Contains(DraftBanner.For(language), html, StringComparison.Ordinal);
        Assert.Contains($"privacy?lang=en&policy={policy}", html, StringComparison.Ordinal);
        Assert.DoesNotContain(BindingNotes[language], html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("leverages-career-mexico")]
    [InlineData("leverages-group")]
    public async Task The_operator_approved_english_carries_no_draft_banner_and_no_note_of_ours(string policy)
    {
        var html = WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync($"/privacy?lang=en&policy={policy}"));

        Assert.DoesNotContain("notice-draft", html, StringComparison.Ordinal);
        Assert.DoesNotContain(BindingNotes["en"], html, StringComparison.Ordinal);
    }

    // The notes the policy files' own notice sections once carried on translations, calling the Japanese binding.
    private static readonly Dictionary<string, string> BindingNotes = new(StringComparer.Ordinal)
    {
        ["en"] = "Only the Japanese version of this",
        ["es"] = "Solo la versión en japonés de esta",
        // The Japanese sections carried none: only the binding language's own words, which the draft itself may translate.
        ["ja"] = "no note",
    };

    /// <summary>The notice's words as a reader sees them: block elements end a line, inline ones (links) do not.</summary>
    private static string ArticleText(string html)
    {
        var start = html.IndexOf("<article class=\"notice\"", StringComparison.Ordinal);
        var end = html.IndexOf("</article>", start, StringComparison.Ordinal);
        var article = html[start..end];
        var lines = BlockTag().Replace(article, "\n");
        return WebUtility.HtmlDecode(AnyTag().Replace(lines, ""));
    }

    /// <summary>
    /// The source's sentences, split here and not by the renderer: each line of the published text, its bullet dropped, cut after
    /// a full stop, question or exclamation mark that a space follows.
    /// </summary>
    private static List<string> Sentences(string text) =>
        text.Split('\n')
            .Select(line => line.Trim().TrimStart('•', '·', '・', ' ', '\u00a0'))
            .SelectMany(line => SentenceEnd().Split(line))
            .Select(Collapse)
            .Where(sentence => sentence.Length > 0)
            .ToList();

    private static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"</?(p|li|ul|ol|h[1-6]|section|article|div|header|nav)\b[^>]*>")]
    private static partial Regex BlockTag();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex AnyTag();

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

public sealed class OperatorTextTests_Sqlite(SqliteApp app) : OperatorTextTests(app), IClassFixture<SqliteApp>;
public sealed class OperatorTextTests_Postgres(PostgresApp app) : OperatorTextTests(app), IClassFixture<PostgresApp>;
