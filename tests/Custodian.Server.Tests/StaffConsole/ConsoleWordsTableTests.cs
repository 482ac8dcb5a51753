using System.Text.RegularExpressions;
using Custodian.Audit;
using Custodian.Server.Components.Language;
using Microsoft.AspNetCore.Http;

namespace Custodian.Server.Tests.StaffConsole;

/// <summary>
/// The console's words as a table: each English text written once, each translation with the placeholders of its
/// English, every audit event type in the office's words, counts in their grammatical number and the services'
/// limits in the page's language.
/// </summary>
public sealed partial class ConsoleWordsTableTests
{
    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [Fact]
    public void No_english_text_is_written_twice_across_the_blocks_of_words()
    {
        Assert.Empty(ConsoleWords.Duplicates);
        Assert.True(ConsoleWords.Table.Count > 1000);
    }

    [Fact]
    public void Every_translation_keeps_the_placeholders_of_its_english()
    {
        static string Holes(string text) => string.Join(',', Placeholder().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal));

        var broken = ConsoleWords.Table.Where(w => Holes(w.Value.Ja) != Holes(w.Key) || Holes(w.Value.Es) != Holes(w.Key)).Select(w => w.Key).ToList();

        Assert.Empty(broken);
    }

    [Fact]
    public void Every_audit_event_type_has_its_words_in_english_japanese_and_spanish()
    {
        var types = Enum.GetValues<AuditEventType>();

        var missing = types.Where(t => !AuditEventWords.Table.TryGetValue(t, out var w)
            || string.IsNullOrWhiteSpace(w.En) || string.IsNullOrWhiteSpace(w.Ja) || string.IsNullOrWhiteSpace(w.Es) || w.En == t.ToString()).ToList();

        Assert.Empty(missing);
        // Two event types that read alike would be one event to the reader of the log.
        Assert.Equal(types.Length, types.Select(t => AuditEventWords.Table[t].En).Distinct().Count());
        Assert.Equal(types.Length, types.Select(t => AuditEventWords.Table[t].Ja).Distinct().Count());
        Assert.Equal(types.Length, types.Select(t => AuditEventWords.Table[t].Es).Distinct().Count());
        Assert.Equal("本人情報の閲覧", AuditEventWords.Of("PersonRead", "ja"));
        Assert.Equal("Consulta de persona", AuditEventWords.Of(AuditEventType.PersonRead, "es"));
    }

    [Theory]
    [InlineData("en", 1, "1 record")]
    [InlineData("en", 12345, "12,345 records")]
    [InlineData("es", 1, "1 registro")]
    [InlineData("es", 12345, "12.345 registros")]
    [InlineData("ja", 1, "1件")]
    [InlineData("ja", 12345, "12,345件")]
    public void A_count_is_written_in_its_grammatical_number_and_grouped_as_the_language_groups_it(string language, long count, string expected)
    {
        var context = new DefaultHttpContext();
        context.Items["lang"] = language;
        var text = new ConsoleText(new HttpContextAccessor { HttpContext = context });

        Assert.Equal(expected, text.Count(count, "{0} record", "{0} records"));
    }

    [Theory]
    [InlineData("ja", "A review covers at most 366 days.", "点検の期間は366日以内で指定してください。")]
    [InlineData("es", "The list has more than 1,000,000 lines.", "La lista tiene más de 1.000.000 líneas.")]
    [InlineData("ja", "At most 4000 characters.", "4000文字以内で入力してください。")]
    [InlineData("es", "At most 200 characters.", "Como máximo 200 caracteres.")]
    [InlineData("en", "A review covers at most 366 days.", "A review covers at most 366 days.")]
    [InlineData("ja", "No number here has words.", "No number here has words.")]
    public void A_services_message_stating_a_limit_reads_in_the_pages_language_whatever_the_limit(string language, string english, string expected) =>
        Assert.Equal(expected, ConsoleText.Translate(language, english));
}
