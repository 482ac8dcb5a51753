using System.Text.RegularExpressions;
using Custodian.Common;
using Custodian.Policy;
using Microsoft.Extensions.Options;
using YamlDotNet.Serialization;

namespace Custodian.Mail;

/// <summary>
/// The message texts per language, from <c>policies/letters/mail/{ja,en,es}.yaml</c> beside the policy: the same
/// folder as the letters, so the privacy office keeps every text sent to people in one place.
/// </summary>
internal sealed partial class MailTemplates
{
    private readonly Dictionary<string, Dictionary<string, MailText>> _files;

    public MailTemplates(IOptions<PolicyOptions> policy)
    {
        var root = Path.IsPathRooted(policy.Value.Directory) ? policy.Value.Directory : Path.Combine(AppContext.BaseDirectory, policy.Value.Directory);
        var folder = Path.Combine(root, "letters", "mail");
        if (!Directory.Exists(folder))
        {
            throw new PolicyLoadException($"The mail templates folder '{folder}' does not exist.");
        }

        var reader = new DeserializerBuilder().Build();
        _files = Directory.GetFiles(folder, "*.yaml").ToDictionary(
            f => Path.GetFileNameWithoutExtension(f),
            f => reader.Deserialize<Dictionary<string, MailText>>(File.ReadAllText(f)) ?? [], StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Languages => _files.Keys;

    /// <summary>The values a template asks for in one language, for callers and tests to check.</summary>
    public IReadOnlySet<string> Placeholders(string template, string language) =>
        _files.TryGetValue(language, out var file) && file.TryGetValue(template, out var text)
            ? Placeholder().Matches(text.Subject + text.Body).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>();

    /// <summary>The subject and body in <paramref name="language"/> (English when that language lacks the template).</summary>
    public Result<(string Subject, string Body)> Render(string template, string language, IReadOnlyDictionary<string, string> values)
    {
        var text = _files.TryGetValue(language, out var file) && file.TryGetValue(template, out var found) ? found
            : _files.TryGetValue("en", out var en) && en.TryGetValue(template, out var english) ? english
            : null;
        if (text is null)
        {
            return Failure.Invalid("template", "mail.template-unknown", $"No mail template is called '{template}'.");
        }

        var missing = Placeholder().Matches(text.Subject + text.Body).Select(m => m.Groups[1].Value).Where(k => !values.ContainsKey(k)).Distinct().ToList();
        if (missing.Count > 0)
        {
            return Failure.Invalid("values", "mail.value-missing", $"Template '{template}' needs: {string.Join(", ", missing)}.");
        }

        string Fill(string s) => Placeholder().Replace(s, m => values[m.Groups[1].Value]);
        // A subject is one line: a value with a line break must not start a header of its own.
        return (Fill(text.Subject).ReplaceLineEndings(" ").Trim(), Fill(text.Body));
    }

    [GeneratedRegex(@"\{([a-z][a-z0-9-]*)\}")]
    private static partial Regex Placeholder();

    internal sealed class MailText
    {
        [YamlMember(Alias = "subject")] public string Subject { get; set; } = "";
        [YamlMember(Alias = "body")] public string Body { get; set; } = "";
    }
}
