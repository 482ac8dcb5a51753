using Custodian.Incidents.Reports;
using Custodian.Policy;
using Microsoft.Extensions.Options;

namespace Custodian.Tests.Incidents.Reports;

/// <summary>The report templates are the office's words: a file that lacks one of Rule 8's items, or is not YAML, stops the start naming the file and the place.</summary>
public sealed class ReportTemplatesTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "custodian-templates-" + Guid.NewGuid().ToString("N"));

    public ReportTemplatesTests()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "policies", "incident-reports");
        Directory.CreateDirectory(Path.Combine(_folder, "incident-reports"));
        foreach (var file in Directory.GetFiles(source, "*.yaml"))
        {
            File.Copy(file, Path.Combine(_folder, "incident-reports", Path.GetFileName(file)));
        }
    }

    private string English => Path.Combine(_folder, "incident-reports", "en.yaml");

    private ReportTemplates Load() => new(Options.Create(new PolicyOptions { Directory = _folder }));

    [Fact]
    public void The_shipped_templates_hold_the_nine_items_in_every_language()
    {
        var templates = Load();

        Assert.Equal(["en", "es", "ja"], templates.Languages.Order(StringComparer.Ordinal));
        Assert.All(templates.Languages, l => Assert.Equal(ReportTemplates.Sections.Order(StringComparer.Ordinal), templates.For(l).Sections.Keys.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void A_file_without_one_of_the_nine_items_is_refused_naming_the_file_and_the_item()
    {
        File.WriteAllLines(English, File.ReadAllLines(English).Where(line => !line.StartsWith("  secondary-harm: ", StringComparison.Ordinal) || line.Contains('{', StringComparison.Ordinal)));

        var refused = Assert.Throws<PolicyLoadException>(Load);

        Assert.Equal($"{English}: sections.secondary-harm is missing.", refused.Message);
    }

    [Fact]
    public void A_file_that_is_not_yaml_is_refused_with_its_line()
    {
        File.AppendAllText(English, "\nsections: [unclosed\n");

        var refused = Assert.Throws<PolicyLoadException>(Load);

        Assert.StartsWith($"{English}:", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
