using System.Text.Json;
using Custodian.Cli.Incidents;
using Custodian.Gate;
using Custodian.Incidents;
using Custodian.Incidents.Reports;
using Custodian.Policy;
using Custodian.Audit;
using Custodian.Storage;
using Custodian.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Tests.Incidents.Reports;

/// <summary>Drafts of the reports to the PPC: the nine items of Enforcement Rule Art. 8(1), prefilled, as JSON and PDF.</summary>
public sealed class ReportDraftTests : IAsyncLifetime
{
    private static readonly string[] JapaneseHeadings =
    [
        "概要", "漏えい等が発生し又は発生したおそれがある個人データの項目", "本人の数", "原因", "二次被害又はそのおそれの有無及びその内容",
        "本人への対応の実施状況", "公表の実施状況", "再発防止のための措置", "その他参考となる事項",
    ];

    private readonly TestDatabase _database = new();
    private ServiceProvider _services = null!;
    private Guid _incident;

    public async ValueTask InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = _database.Directory }).Build();
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(new FakeTime())
            .AddStorage(configuration)
            .AddPolicy(configuration)
            .AddAudit(configuration)
            .AddIncidents(configuration)
            .BuildServiceProvider();
        await _services.GetRequiredService<DatabaseMigrator>().MigrateAsync(TestContext.Current.CancellationToken);
        // Who learned of it must be a staff account (only a detection may have nobody yet).
        var learnedBy = Guid.CreateVersion7();
        await using (var db = await _services.GetRequiredService<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            db.Add(new Custodian.Staff.StaffAccount { Id = learnedBy, UserName = "officer", Role = "privacy-officer" });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var registered = await _services.GetRequiredService<IncidentRegister>().RegisterAsync(Actor.System, new IncidentInput(
            LearnedAt: new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), LearnedHow: "a consignee's report", LearnedBy: learnedBy,
            Summary: "A recruiter's laptop was stolen from a car.", Cause: "loss-or-theft", Policies: ["leverages-career-mexico"],
            Items: ["leverages-career-mexico/name", "leverages-career-mexico/email"], Containment: "The laptop's sessions and tokens were revoked.",
            AffectedCount: 1234), cancellationToken: TestContext.Current.CancellationToken);
        _incident = registered.Value?.Incident.Id ?? throw new InvalidOperationException(registered.Failure?.Detail);
    }

    [Theory]
    [InlineData("ja", "preliminary")]
    [InlineData("en", "final")]
    [InlineData("es", "final")]
    public async Task The_json_draft_holds_the_nine_items_of_rule_8_in_order_each_prefilled_from_the_incident(string language, string stage)
    {
        var file = new FileInfo(Path.Combine(_database.Directory, $"report.{language}.json"));

        var code = await ReportCommand.RunAsync(_services, _incident.ToString(), stage, language, "json", file, TextWriter.Null, TestContext.Current.CancellationToken);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(file.FullName, TestContext.Current.CancellationToken));
        var sections = json.RootElement.GetProperty("sections").EnumerateArray().ToList();
        Assert.Equal(ReportTemplates.Sections, sections.Select(s => s.GetProperty("key").GetString()));
        Assert.Equal(Enumerable.Range(1, 9), sections.Select(s => s.GetProperty("number").GetInt32()));
        Assert.All(sections, s => Assert.False(string.IsNullOrWhiteSpace(s.GetProperty("text").GetString())));
        Assert.All(sections, s => Assert.False(string.IsNullOrWhiteSpace(s.GetProperty("heading").GetString())));
        var text = sections.ToDictionary(s => s.GetProperty("key").GetString()!, s => s.GetProperty("text").GetString()!);
        Assert.Contains("1,234", text["persons"], StringComparison.Ordinal);
        Assert.Contains("A recruiter's laptop was stolen from a car.", text["overview"], StringComparison.Ordinal);
        Assert.Contains("The laptop's sessions and tokens were revoked.", text["prevention"], StringComparison.Ordinal);
        Assert.DoesNotContain("{", string.Concat(text.Values), StringComparison.Ordinal);
        Assert.DoesNotContain("leverages-career-mexico/", text["items"], StringComparison.Ordinal);
        Assert.Equal(stage, json.RootElement.GetProperty("stage").GetString());
        if (language == "ja")
        {
            Assert.Equal(JapaneseHeadings, sections.Select(s => s.GetProperty("heading").GetString()));
            Assert.Contains("紛失・盗難", text["cause"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_japanese_pdf_draft_holds_its_headings_and_prefilled_text_as_extractable_text()
    {
        var file = new FileInfo(Path.Combine(_database.Directory, "report.pdf"));

        var code = await ReportCommand.RunAsync(_services, "1", "preliminary", "ja", "pdf", file, TextWriter.Null, TestContext.Current.CancellationToken);

        Assert.Equal(0, code);
        var text = PdfText.Extract(await File.ReadAllBytesAsync(file.FullName, TestContext.Current.CancellationToken)).Replace("\n", "", StringComparison.Ordinal);
        Assert.Contains("漏えい等報告（速報）", text, StringComparison.Ordinal);
        Assert.All(JapaneseHeadings, h => Assert.Contains(h, text, StringComparison.Ordinal));
        Assert.Contains("1,234人", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000009", "final", "ja", "--incident: No incident has this id or number. (incident.unknown)")]
    [InlineData("{0}", "draft", "ja", "--stage: The stage is preliminary or final. (report.stage)")]
    [InlineData("{0}", "final", "fr", "--lang: The language is one of en, es, ja. (report.language)")]
    public async Task An_unknown_incident_stage_or_language_exits_2_with_one_line_and_writes_nothing(string incident, string stage, string language, string message)
    {
        var file = new FileInfo(Path.Combine(_database.Directory, "nothing.json"));
        var error = new StringWriter();

        var code = await ReportCommand.RunAsync(_services, incident.Replace("{0}", _incident.ToString(), StringComparison.Ordinal), stage, language, "json", file, error, TestContext.Current.CancellationToken);

        Assert.Equal(2, code);
        Assert.Equal(message, error.ToString().TrimEnd());
        Assert.False(file.Exists);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _database.Dispose();
    }
}
