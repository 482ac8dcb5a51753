using Custodian.Policy;
using Microsoft.Extensions.Options;
using YamlDotNet.Serialization;

namespace Custodian.Requests.Letters;

/// <summary>The letter texts per language, from <c>policies/letters/{ja,en,es}.yaml</c> beside the policy.</summary>
internal sealed class LetterTemplates
{
    private readonly Dictionary<string, LetterFile> _files;

    public LetterTemplates(IOptions<PolicyOptions> policy)
    {
        var folder = Path.Combine(Path.IsPathRooted(policy.Value.Directory) ? policy.Value.Directory : Path.Combine(AppContext.BaseDirectory, policy.Value.Directory), "letters");
        var reader = new DeserializerBuilder().Build();
        _files = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.yaml").ToDictionary(
                f => Path.GetFileNameWithoutExtension(f),
                f => reader.Deserialize<LetterFile>(System.IO.File.ReadAllText(f)), StringComparer.Ordinal)
            : throw new InvalidOperationException($"The letter templates folder '{folder}' does not exist.");
    }

    public IReadOnlyCollection<string> Languages => _files.Keys;

    public string Label(string language, string key) =>
        FileFor(language).Labels.TryGetValue(key, out var text) ? text : FileFor("en").Labels.GetValueOrDefault(key, key);

    public string Text(string language, string letter, string part) =>
        FileFor(language).Letters.TryGetValue(letter, out var texts) && texts is Dictionary<object, object> map && map.TryGetValue(part, out var text)
            ? (string)text
            : throw new InvalidOperationException($"Letter template {language}/{letter}/{part} is missing.");

    public string Header(string language) =>
        FileFor(language).Letters.TryGetValue("header", out var header) && header is string text ? text : throw new InvalidOperationException($"Letter header for {language} is missing.");

    private LetterFile FileFor(string language) =>
        _files.TryGetValue(language, out var file) ? file : _files.TryGetValue("en", out var en) ? en : throw new InvalidOperationException("No letter templates are loaded.");

    private sealed class LetterFile
    {
        [YamlMember(Alias = "labels")] public Dictionary<string, string> Labels { get; set; } = [];
        [YamlMember(Alias = "letters")] public Dictionary<string, object> Letters { get; set; } = [];
    }
}
