using System.Text.RegularExpressions;
using Custodian.Mail;
using Custodian.Policy;
using Microsoft.Extensions.Options;

namespace Custodian.Tests.Mail;

public sealed partial class MailTemplatesTests
{
    private static readonly MailTemplates Templates = new(Options.Create(new PolicyOptions()));

    private static readonly string[] Messages =
    [
        "request-received", "request-documents-needed", "request-answered", "request-deadline-reminder",
        "company-entry-withdrawn", "company-provision-stopped",
    ];

    private static Dictionary<string, string> Values(string template) =>
        Templates.Placeholders(template, "en").ToDictionary(k => k, k => $"<{k}>");

    [Fact]
    public void Every_message_exists_in_japanese_english_and_spanish()
    {
        Assert.Equal(["en", "es", "ja"], Templates.Languages.Order(StringComparer.Ordinal));
        foreach (var language in Templates.Languages)
        {
            var file = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "policies", "letters", "mail", language + ".yaml"));
            Assert.All(Messages, m => Assert.Contains(m + ":", file, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("ja")]
    [InlineData("en")]
    [InlineData("es")]
    public void Each_language_fills_every_placeholder_that_english_asks_for_and_no_other(string language)
    {
        foreach (var message in Messages)
        {
            var values = Values(message);
            Assert.Equal(values.Keys.Order(StringComparer.Ordinal), Templates.Placeholders(message, language).Order(StringComparer.Ordinal));
            var rendered = Templates.Render(message, language, values);

            Assert.True(rendered.Succeeded, $"{language}/{message}: {rendered.Failure?.Detail}");
            Assert.Contains("<", rendered.Value.Subject + rendered.Value.Body, StringComparison.Ordinal);
            Assert.DoesNotMatch(Placeholder(), rendered.Value.Subject + rendered.Value.Body);
        }
    }

    [Fact]
    public void A_missing_value_or_an_unknown_template_is_a_failure_naming_it()
    {
        Assert.Equal("mail.template-unknown", Templates.Render("no-such", "en", new Dictionary<string, string>()).Failure!.Code);
        var missing = Templates.Render("request-received", "en", new Dictionary<string, string>()).Failure!;
        Assert.Equal("mail.value-missing", missing.Code);
        Assert.Contains("reference", missing.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_with_a_line_break_cannot_add_a_header_line_to_the_subject()
    {
        var values = Values("request-received");
        values["reference"] = "R-1\r\nBcc: someone@example.com";

        var subject = Templates.Render("request-received", "en", values).Value.Subject;

        Assert.DoesNotContain('\n', subject);
        Assert.DoesNotContain('\r', subject);
    }

    [GeneratedRegex(@"\{[a-z][a-z0-9-]*\}")]
    private static partial Regex Placeholder();
}
