using System.Net;
using System.Text.RegularExpressions;
using Custodian.Policy;
using Custodian.Requests;
using Custodian.Server.Components.Language;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Server.Tests.Staff;

namespace Custodian.Server.Tests.StaffConsole;

/// <summary>
/// The anonymization and provision pages read in the page's language: every text they pass through the console's
/// words has its Japanese and Spanish, and the pages, their field errors included, render in them.
/// </summary>
public abstract partial class ConsoleWordsTests(CustodianApp app)
{
    // Each sign-in comes from an address of its own: the fixture allows few sign-ins a minute from one address.
    [GeneratedRegex("""T(?:\.Format\(|\[)"((?:[^"\\]|\\.)+)"[\],]""")]
    private static partial Regex Texts();

    // The words a page chooses at run time: the arms of its switches (message, state, record kind, period).
    [GeneratedRegex("""=> "((?:[^"\\]|\\.)+)",""")]
    private static partial Regex Chosen();

    [GeneratedRegex("""ErrorMessage = "((?:[^"\\]|\\.)+)"[,)]""")]
    private static partial Regex ErrorMessages();

    // A text about a count: T.Count(n, "{0} record", "{0} records"), its singular and its plural.
    [GeneratedRegex("""T\.Count\([^"]*?, "((?:[^"\\]|\\.)+)", "((?:[^"\\]|\\.)+)"[,)]""")]
    private static partial Regex Counts();

    // An interpolated string ($"…"), whose words would reach the page in English whatever its language.
    [GeneratedRegex("""\$"((?:[^"\\]|\\.)*)["]""")]
    private static partial Regex Interpolated();

    [GeneratedRegex("""\{[^{}]*\}""")]
    private static partial Regex Hole();

    [GeneratedRegex("[A-Za-z]{2,} ")]
    private static partial Regex Words();

    private static string Components()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Custodian.slnx")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        return Path.Combine(directory.FullName, "src", "Custodian.Server", "Components", "StaffConsole");
    }

    [Fact]
    public void Every_text_of_the_anonymization_and_provision_pages_has_its_japanese_and_spanish()
    {
        var root = Components();
        var files = Directory.GetFiles(Path.Combine(root, "Anonymization"), "*.razor")
            .Concat(Directory.GetFiles(Path.Combine(root, "Provision"), "*.razor"))
            .Append(Path.Combine(root, "PersonPicker.razor"))
            .Append(Path.Combine(root, "AuditLogPage.razor"))
            .Append(Path.Combine(root, "AuditTable.razor"))
            .Concat(Directory.GetFiles(Path.Combine(root, "..", "ClientCompany"), "*.razor"));

        var missing = files.SelectMany(f => Texts().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Text: m.Groups[1].Value)))
            .Where(t => !ConsoleWords.Table.ContainsKey(t.Text))
            .Select(t => $"{t.File}: {t.Text}")
            .ToList();

        Assert.Empty(missing);
        Assert.True(files.Count() > 10);
    }

    [Fact]
    public async Task The_anonymization_and_provision_pages_and_their_field_errors_render_in_the_chosen_language()
    {
        var (officer, _) = await SafetyHost.SignInAsync(app, "privacy-officer", "192.0.2.1");

        var releases = await officer.GetStringAsync("/console/anonymization?lang=ja");
        var companies = await officer.GetStringAsync("/console/provision/companies?lang=es");
        var refused = await officer.PostAsync("/console/anonymization?lang=es",
            await SafetyHost.FormAsync(officer, "/console/anonymization?lang=es", "release-preview", ("Input.K", "1"), ("Input.Suppression", "0.05")));

        Assert.Contains("匿名加工情報の作成と提供", releases, StringComparison.Ordinal);
        Assert.DoesNotContain("Preview the release", releases, StringComparison.Ordinal);
        Assert.Contains("<h1>Empresas cliente</h1>", companies, StringComparison.Ordinal);
        Assert.DoesNotContain("Register a client company", companies, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.InternalServerError, refused.StatusCode);
        Assert.Contains("k debe ser un número entero de al menos 2.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_text_of_the_request_inquiry_mail_cookie_and_retention_pages_has_its_japanese_and_spanish()
    {
        var root = Components();
        var files = Directory.GetFiles(Path.Combine(root, "Requests"), "*.razor")
            .Concat(new[] { "Inquiries/Inbox.razor", "Inquiries/InquiryPage.razor", "Mail/MailPage.razor", "PrivacyCentre/CookieFiguresPage.razor", "Retention/RetentionPage.razor" }
                .Select(f => Path.Combine(root, f)))
            .ToList();
        // Words the pages look up by a value rather than a literal: states, clock events, what a period counts from.
        var values = Enum.GetNames<DocumentState>().Concat(Enum.GetNames<ClockEventKind>()).Concat(Enum.GetNames<RetentionBasis>())
            .Select(n => n.ToLowerInvariant())
            .Concat(RecordKinds.All.Select(k => k.After))
            .Concat(new[] { "person", "representative", "unanswered", "answered" });

        var missing = files.SelectMany(f => Texts().Matches(File.ReadAllText(f)).Concat(Chosen().Matches(File.ReadAllText(f)))
                .Select(m => $"{Path.GetFileName(f)}: {m.Groups[1].Value}"))
            .Concat(values.Select(v => $"(value): {v}"))
            .Where(t => !ConsoleWords.Table.ContainsKey(t[(t.IndexOf(": ", StringComparison.Ordinal) + 2)..]))
            .ToList();

        Assert.Empty(missing);
        Assert.True(files.Count > 7);
    }

    [Fact]
    public async Task The_request_inquiry_mail_cookie_and_retention_pages_render_in_the_chosen_language()
    {
        var (officer, _) = await SafetyHost.SignInAsync(app, "privacy-officer", "192.0.2.2");

        var requests = await officer.GetStringAsync("/console/requests?lang=es");
        var retention = await officer.GetStringAsync("/console/retention?lang=ja");
        var mail = await officer.GetStringAsync("/console/mail?lang=ja");
        var cookies = await officer.GetStringAsync("/console/cookie-consent?lang=es");
        var inquiries = await officer.GetStringAsync("/console/inquiries?lang=ja");

        Assert.Contains("<h1>Solicitudes de las personas</h1>", requests, StringComparison.Ordinal);
        Assert.DoesNotContain("Latest requests", requests, StringComparison.Ordinal);
        Assert.Contains("<h1>保存期間表</h1>", retention, StringComparison.Ordinal);
        Assert.Contains("職員のセッション", retention, StringComparison.Ordinal);
        Assert.DoesNotContain("<th>Counted from</th>", retention, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>sessions</td>", retention, StringComparison.Ordinal);
        Assert.Contains("<h1>メール</h1>", mail, StringComparison.Ordinal);
        Assert.DoesNotContain("Next try / sent", mail, StringComparison.Ordinal);
        Assert.Contains("<h1>Cifras del consentimiento de cookies</h1>", cookies, StringComparison.Ordinal);
        Assert.DoesNotContain("Choices per day", cookies, StringComparison.Ordinal);
        Assert.Contains("<h2>未回答</h2>", inquiries, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_text_of_the_incident_safe_management_and_account_pages_has_its_japanese_and_spanish()
    {
        var root = Components();
        var files = new[] { "Incidents", "SafeManagement", "Account", "Policy" }
            .SelectMany(folder => Directory.GetFiles(Path.Combine(root, folder)).Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith("Words.cs", StringComparison.Ordinal)))
            .Append(Path.Combine(root, "ValidationWords.razor"))
            .Append(Path.Combine(root, "Persons.razor"))
            .ToList();

        var texts = files.SelectMany(f => Texts().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Text: m.Groups[1].Value)))
            .Concat(files.SelectMany(f => ErrorMessages().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Text: m.Groups[1].Value))))
            .ToList();
        var missing = texts.Where(t => !ConsoleWords.Table.ContainsKey(t.Text)).Select(t => $"{t.File}: {t.Text}").ToList();

        Assert.Empty(missing);
        Assert.True(files.Count > 20);
        Assert.True(texts.Count > 250);
    }

    [Fact]
    public async Task The_incident_safe_management_and_account_pages_and_their_field_errors_render_in_the_chosen_language()
    {
        var (officer, _) = await SafetyHost.SignInAsync(app, "privacy-officer", "192.0.2.3");
        var (admin, _) = await SafetyHost.SignInAsync(app, "administrator", "192.0.2.4");

        var incidents = await officer.GetStringAsync("/console/incidents?lang=ja");
        var roles = await admin.GetStringAsync("/console/safe-management/roles?lang=es");
        var account = await officer.GetStringAsync("/console/account?lang=ja");
        var refused = await admin.PostAsync("/console/safe-management/accounts?lang=es",
            await SafetyHost.FormAsync(admin, "/console/safe-management/accounts?lang=es", "account-create", ("Create.UserName", ""), ("Create.Role", "")));

        Assert.Contains("<h2>漏えい等事案を登録する</h2>", incidents, StringComparison.Ordinal);
        Assert.Contains("不正アクセス", incidents, StringComparison.Ordinal);
        Assert.DoesNotContain("Open report deadlines", incidents, StringComparison.Ordinal);
        Assert.Contains("<h1>Gestión de seguridad: roles</h1>", roles, StringComparison.Ordinal);
        Assert.Contains(">Oficial de privacidad</", roles, StringComparison.Ordinal);
        Assert.DoesNotContain(">privacy-officer</", roles, StringComparison.Ordinal);
        Assert.Contains("<h1>あなたのアカウント</h1>", account, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign out everywhere", account, StringComparison.Ordinal);
        var incomplete = await officer.PostAsync("/console/incidents?lang=ja",
            await SafetyHost.FormAsync(officer, "/console/incidents?lang=ja", "register-incident", ("learnedAt", "2026-12-01T10:00"), ("summary", ""), ("cause", "error")));
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("事案の概要を入力してください。", await incomplete.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Escribe un nombre de usuario.", html, StringComparison.Ordinal);
        Assert.Contains("Elige un rol.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_count_of_the_console_has_its_singular_and_plural_in_japanese_and_spanish()
    {
        var files = Directory.GetFiles(Components(), "*.razor", SearchOption.AllDirectories);

        var counts = files.SelectMany(f => Counts().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), One: m.Groups[1].Value, Other: m.Groups[2].Value))).ToList();
        var missing = counts.SelectMany(c => new[] { c.One, c.Other }.Where(t => !ConsoleWords.Table.ContainsKey(t)).Select(t => $"{c.File}: {t}")).ToList();

        Assert.Empty(missing);
        Assert.True(counts.Count >= 8);
        Assert.All(counts, c => Assert.NotEqual(c.One, c.Other));
    }

    [Fact]
    public void No_console_page_writes_words_in_an_interpolated_string()
    {
        // Markup built as text (an SVG label) starts with '<'; its words are passed in already translated.
        var root = Path.GetDirectoryName(Components())!;
        var files = new[] { "StaffConsole", "Layout", "Language" }.SelectMany(d => Directory.GetFiles(Path.Combine(root, d), "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal));

        var english = files.SelectMany(f => File.ReadAllLines(f).SelectMany((line, n) => Interpolated().Matches(line)
                .Select(m => m.Groups[1].Value)
                .Where(text => !text.StartsWith('<') && Words().IsMatch(Literal(text)))
                .Select(text => $"{Path.GetFileName(f)}:{n + 1}: {text}")))
            .ToList();

        Assert.Empty(english);
    }

    // The text of an interpolated string outside its holes: "Enter the {field} as an id." → "Enter the  as an id.".
    private static string Literal(string interpolated)
    {
        for (var before = ""; before != interpolated;)
        {
            (before, interpolated) = (interpolated, Hole().Replace(interpolated, ""));
        }

        return interpolated.Split('{')[0];
    }
}

public sealed class ConsoleWordsTests_Sqlite(SafetySqliteApp app) : ConsoleWordsTests(app), IClassFixture<SafetySqliteApp>;
