using System.Globalization;
using Custodian.Policy;
using Microsoft.Extensions.Options;
using YamlDotNet.Serialization;

namespace Custodian.Incidents.Reports;

/// <summary>
/// The report texts per language, from <c>policies/incident-reports/{ja,en,es}.yaml</c> beside the policy. A file that
/// lacks one of the nine sections or a text the drafts use stops the start, naming the file and the key.
/// </summary>
internal sealed class ReportTemplates
{
    /// <summary>Enforcement Rule Art. 8(1)'s items, in its order; their headings and texts are the files'.</summary>
    public static readonly IReadOnlyList<string> Sections =
        ["overview", "items", "persons", "cause", "secondary-harm", "response-to-persons", "publication", "prevention", "other"];

    private static readonly string[] Texts =
    [
        "overview", "items", "items-none", "persons", "persons-suspected", "persons-none", "basis-list", "basis-count", "cause",
        "secondary-harm", "secondary-harm-encrypted", "response-none", "response-done", "channel-email", "channel-letter", "channel-public", "publication-none", "publication-done",
        "prevention", "prevention-none", "other",
    ];

    private static readonly string[] Labels = ["incident", "reporter", "drafted", "note-preliminary", "note-final", "note-draft"];

    private readonly Dictionary<string, ReportFile> _files;

    public ReportTemplates(IOptions<PolicyOptions> policy)
    {
        var folder = Path.Combine(Path.IsPathRooted(policy.Value.Directory) ? policy.Value.Directory : Path.Combine(AppContext.BaseDirectory, policy.Value.Directory), "incident-reports");
        if (!Directory.Exists(folder))
        {
            throw new PolicyLoadException($"The incident report templates folder '{folder}' does not exist.");
        }

        var reader = new DeserializerBuilder().Build();
        _files = Directory.GetFiles(folder, "*.yaml").ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => Check(f, Read(reader, f)), StringComparer.Ordinal);
    }

    private static ReportFile Read(IDeserializer reader, string path)
    {
        try
        {
            return reader.Deserialize<ReportFile?>(File.ReadAllText(path)) ?? new ReportFile();
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new PolicyLoadException($"{path}:{ex.Start.Line}:{ex.Start.Column}: {ex.Message}");
        }
    }

    public IReadOnlyCollection<string> Languages => _files.Keys;

    public ReportFile For(string language) => _files[language];

    private static ReportFile Check(string path, ReportFile file)
    {
        var missing = Sections.Where(s => !file.Sections.ContainsKey(s)).Select(s => "sections." + s)
            .Concat(Texts.Where(t => !file.Text.ContainsKey(t)).Select(t => "text." + t))
            .Concat(Labels.Where(l => !file.Labels.ContainsKey(l)).Select(l => "labels." + l))
            .Concat(new[] { "preliminary", "final" }.Where(s => !file.Title.ContainsKey(s)).Select(s => "title." + s))
            .Concat(Enum.GetNames<Reportability>().Where(d => !file.Decisions.ContainsKey(d)).Select(d => "decisions." + d))
            .Concat(IncidentCauses.CauseNames.Where(c => !file.Causes.ContainsKey(c)).Select(c => "causes." + c))
            .FirstOrDefault();
        return missing is null ? file : throw new PolicyLoadException($"{path}: {missing} is missing.");
    }

    internal sealed class ReportFile
    {
        [YamlMember(Alias = "culture")] public string Culture { get; set; } = "en-GB";
        [YamlMember(Alias = "date-format")] public string DateFormat { get; set; } = "yyyy-MM-dd";
        [YamlMember(Alias = "list-separator")] public string ListSeparator { get; set; } = ", ";
        [YamlMember(Alias = "title")] public Dictionary<string, string> Title { get; set; } = [];
        [YamlMember(Alias = "labels")] public Dictionary<string, string> Labels { get; set; } = [];
        [YamlMember(Alias = "sections")] public Dictionary<string, string> Sections { get; set; } = [];
        [YamlMember(Alias = "text")] public Dictionary<string, string> Text { get; set; } = [];
        [YamlMember(Alias = "decisions")] public Dictionary<string, string> Decisions { get; set; } = [];
        [YamlMember(Alias = "causes")] public Dictionary<string, string> Causes { get; set; } = [];

        public string Date(DateOnly day) => day.ToString(DateFormat, CultureInfo.GetCultureInfo(Culture));

        /// <summary>A text with its <c>{name}</c> placeholders filled.</summary>
        public static string Fill(string template, IReadOnlyDictionary<string, string> values) =>
            values.Aggregate(template, (text, value) => text.Replace("{" + value.Key + "}", value.Value, StringComparison.Ordinal)).Trim();
    }
}
