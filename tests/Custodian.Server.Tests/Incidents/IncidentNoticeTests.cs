using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Audit;
using Custodian.Gate;
using Custodian.Incidents.Reports;
using Custodian.Mail;
using Custodian.Policy;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Server.Tests.Mail;
using Custodian.Server.Tests.Requests;
using Custodian.Server.Tests.Staff;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Server.Tests.Incidents;

/// <summary>
/// Notices to an incident's persons on each database, against a real SMTP server: the e-mail in the person's language,
/// the letter for a person without an e-mail address, the record of both, no second notice, the report's items 6 and 7,
/// the public notice page, and bad input.
/// </summary>
public abstract class IncidentNoticeTests(MailApp app)
{
    private const string Api = "/api/v1/incidents";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpClient> OfficeAsync() => app.ClientWithPermissionsAsync(["incidents.read", "incidents.manage"]);

    private async Task<Guid> IncidentAsync(HttpClient office, params Guid[] persons)
    {
        var by = (await app.Service<Custodian.Staff.StaffAccounts>().CreateAsync(Actor.System, "notice." + Guid.NewGuid().ToString("N")[..10], SafetyHost.Password, "privacy-officer")).Value!.Id;
        var response = await office.PostAsJsonAsync(Api, new
        {
            learnedAt = "2026-12-01T10:00:00+09:00", learnedBy = by.ToString(), summary = "A list of applicants was e-mailed to the wrong company",
            cause = "error", policies = new[] { "leverages-career-mexico" }, items = new[] { "name", "email" },
            containment = "The company deleted the message and confirmed it in writing",
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        if (persons.Length > 0)
        {
            Assert.Equal(HttpStatusCode.OK, (await office.PutAsJsonAsync($"{Api}/{id}/persons", new { personIds = persons.Select(p => p.ToString()) }, Ct)).StatusCode);
        }

        return id;
    }

    // A record from before e-mail was asked for, imported with a postal address and no e-mail address.
    private async Task<Guid> WithoutEmailAsync(string name)
    {
        var policy = app.Service<PolicyStore>().Find("leverages-career-mexico")!;
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(Ct);
        var before = (await db.Set<Person>().Select(p => p.Id).ToListAsync(Ct)).ToHashSet();
        var row = new CheckedRegistration(new Registration("service-application", new Dictionary<string, string?>
        {
            ["name"] = name, ["address"] = "Calle Hidalgo 12, Querétaro", ["telephone"] = "+52 442 765 4321",
        }), policy, policy.FindChannel("service-application")!);
        await app.Service<PersonVault>().ImportAsync(Actor.System, [row], r => r, cancellationToken: Ct);
        return (await db.Set<Person>().Select(p => p.Id).ToListAsync(Ct)).Single(p => !before.Contains(p));
    }

    private static string Address() => $"n-{Guid.NewGuid():N}@example.com";

    [Fact]
    public async Task Persons_are_told_in_their_language_by_email_or_letter_once_and_the_record_and_the_report_say_so()
    {
        app.Smtp.Behaviour = SmtpBehaviour.Accept;
        var client = await app.ClientWithTokenAsync();
        var office = await OfficeAsync();
        var (spanish, english) = (Address(), Address());
        var maria = await RequestFlow.RegisterAsync(client, spanish);
        var john = await RequestFlow.RegisterAsync(client, english);
        // John wrote to us in English (a request's language): his notice is in English; María's policy is Mexico's, Spanish.
        await RequestFlow.SubmitAsync(client, RequestFlow.Body(john));
        var paper = await WithoutEmailAsync("Rosa Paper Record");
        var id = await IncidentAsync(office, maria, john, paper);

        var run = await (await office.PostAsync($"{Api}/{id}/notices", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        await app.Service<MailSender>().SendDueAsync(Ct);

        Assert.Equal((2, 1, 0, 0), (run.GetProperty("emailed").GetInt32(), run.GetProperty("lettered").GetInt32(), run.GetProperty("public").GetInt32(), run.GetProperty("alreadyNotified").GetInt32()));
        var es = Assert.Single(app.Smtp.To(spanish));
        Assert.Contains("Aviso y disculpa", es.Subject, StringComparison.Ordinal);
        Assert.Contains("María López", es.TextBody, StringComparison.Ordinal);
        Assert.Contains("Correo electrónico", es.TextBody, StringComparison.Ordinal);
        Assert.Contains("info@lc-mexico.com", es.TextBody, StringComparison.Ordinal);
        var en = Assert.Single(app.Smtp.To(english));
        Assert.Contains("Notice and apology", en.Subject, StringComparison.Ordinal);
        Assert.Contains("E-mail address", en.TextBody, StringComparison.Ordinal);

        var record = await office.GetFromJsonAsync<JsonElement>($"{Api}/{id}/notices", Ct);
        var rows = record.EnumerateArray().ToDictionary(r => r.GetProperty("personId").GetGuid());
        Assert.Equal(("email", "es"), (rows[maria].GetProperty("channel").GetString(), rows[maria].GetProperty("language").GetString()));
        Assert.Equal(("email", "en"), (rows[john].GetProperty("channel").GetString(), rows[john].GetProperty("language").GetString()));
        Assert.Equal("letter", rows[paper].GetProperty("channel").GetString());
        Assert.Equal(JsonValueKind.Null, rows[paper].GetProperty("outboxId").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, rows[maria].GetProperty("outboxId").ValueKind);

        // Again: nobody is told twice.
        var second = await office.PostAsync($"{Api}/{id}/notices", null, Ct);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var again = await second.Content.ReadFromJsonAsync<JsonElement>(Ct);
        await app.Service<MailSender>().SendDueAsync(Ct);
        Assert.Equal((0, 0, 3), (again.GetProperty("emailed").GetInt32(), again.GetProperty("lettered").GetInt32(), again.GetProperty("alreadyNotified").GetInt32()));
        Assert.Single(app.Smtp.To(spanish));
        Assert.Single(app.Smtp.To(english));
        Assert.Equal(3, (await office.GetFromJsonAsync<JsonElement>($"{Api}/{id}/notices", Ct)).GetArrayLength());

        // The report's item 6 counts them by channel.
        var drafts = ActivatorUtilities.CreateInstance<ReportDrafts>(app.Services);
        var draft = (await drafts.DraftAsync(id.ToString(), "final", "en", Ct)).Value!;
        var response = draft.Sections.Single(s => s.Key == "response-to-persons").Text;
        Assert.StartsWith("3 persons notified (2 by e-mail, 1 by letter;", response, StringComparison.Ordinal);
        Assert.Equal("Not published.", draft.Sections.Single(s => s.Key == "publication").Text);

        // The audit names the incident and counts, never an address or a name.
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(Ct);
        var notified = await db.Set<AuditEvent>().SingleAsync(e => e.Type == AuditEventType.IncidentPersonsNotified && e.Subject == id.ToString(), Ct);
        Assert.Equal("email:2,letter:1,public:0", notified.Reason);
    }

    [Fact]
    public async Task The_letters_are_one_pdf_per_person_told_by_letter_with_no_name_in_the_file_names()
    {
        var office = await OfficeAsync();
        var paper = await WithoutEmailAsync("Rosa Letter Record");
        var id = await IncidentAsync(office, paper);
        Assert.Equal(HttpStatusCode.OK, (await office.PostAsync($"{Api}/{id}/notices", null, Ct)).StatusCode);

        var response = await office.GetAsync($"{Api}/{id}/notices/letters", Ct);

        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(Ct));
        var entry = Assert.Single(zip.Entries);
        Assert.Matches(@"^incident-\d+-letter-0001\.pdf$", entry.Name);
        await using var pdf = entry.Open();
        var head = new byte[5];
        await pdf.ReadExactlyAsync(head, Ct);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(head));
    }

    [Fact]
    public async Task A_public_notice_shows_on_the_privacy_centre_without_personal_data_counts_in_the_report_and_can_be_withdrawn()
    {
        var client = await app.ClientWithTokenAsync();
        var office = await OfficeAsync();
        var email = Address();
        var person = await RequestFlow.RegisterAsync(client, email);
        var id = await IncidentAsync(office, person);
        var number = (await office.GetFromJsonAsync<JsonElement>($"{Api}/{id}", Ct)).GetProperty("number").GetInt32();
        await office.PostAsync($"{Api}/{id}/notices", null, Ct);

        var published = await office.PutAsJsonAsync($"{Api}/{id}/public-notice", new
        {
            ja = "応募者の一覧を誤って別の企業に送信しました。", en = "We sent a list of applicants to the wrong company by mistake.", es = "Enviamos por error una lista de solicitantes a otra empresa.",
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);

        var visitor = app.CreateClient();
        var page = await visitor.GetStringAsync($"/privacy/incidents/{number}?lang=en", Ct);
        Assert.Contains("We sent a list of applicants to the wrong company by mistake.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("María", page, StringComparison.Ordinal);
        Assert.DoesNotContain(email, page, StringComparison.Ordinal);
        Assert.DoesNotContain(person.ToString(), page, StringComparison.Ordinal);
        Assert.DoesNotContain(id.ToString(), page, StringComparison.Ordinal);
        Assert.Contains("Enviamos por error", await visitor.GetStringAsync("/privacy/incidents?lang=es", Ct), StringComparison.Ordinal);
        var draft = (await ActivatorUtilities.CreateInstance<ReportDrafts>(app.Services).DraftAsync(id.ToString(), "final", "en", Ct)).Value!;
        Assert.StartsWith("Published on our website on ", draft.Sections.Single(s => s.Key == "publication").Text, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await office.DeleteAsync($"{Api}/{id}/public-notice", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/privacy/incidents/{number}", Ct)).StatusCode);
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(Ct);
        var events = await db.Set<AuditEvent>().Where(e => e.Subject == id.ToString()).Select(e => e.Type).ToListAsync(Ct);
        Assert.Contains(AuditEventType.IncidentNoticePublished, events);
        Assert.Contains(AuditEventType.IncidentNoticeWithdrawn, events);
    }

    [Fact]
    public async Task A_person_with_no_address_at_all_is_covered_by_the_public_notice_once_one_is_in_force()
    {
        var office = await OfficeAsync();
        var policy = app.Service<PolicyStore>().Find("leverages-career-mexico")!;
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(Ct);
        var before = (await db.Set<Person>().Select(p => p.Id).ToListAsync(Ct)).ToHashSet();
        var row = new CheckedRegistration(new Registration("service-application", new Dictionary<string, string?> { ["name"] = "Nadie Sin Señas" }), policy, policy.FindChannel("service-application")!);
        await app.Service<PersonVault>().ImportAsync(Actor.System, [row], r => r, cancellationToken: Ct);
        var person = (await db.Set<Person>().Select(p => p.Id).ToListAsync(Ct)).Single(p => !before.Contains(p));
        var id = await IncidentAsync(office, person);

        var first = await (await office.PostAsync($"{Api}/{id}/notices", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        await office.PutAsJsonAsync($"{Api}/{id}/public-notice", new { es = "Aviso público del incidente." }, Ct);
        var second = await (await office.PostAsync($"{Api}/{id}/notices", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(1, first.GetProperty("unreachable").GetProperty("notice.no-address").GetInt32());
        Assert.Equal(1, second.GetProperty("public").GetInt32());
        Assert.Equal("public", (await office.GetFromJsonAsync<JsonElement>($"{Api}/{id}/notices", Ct))[0].GetProperty("channel").GetString());
    }

    [Fact]
    public async Task Bad_input_answers_problem_details_an_unknown_incident_404_no_listed_persons_422_naming_the_field()
    {
        var office = await OfficeAsync();
        var empty = await IncidentAsync(office);

        var unknown = await (await office.PostAsync($"{Api}/{Guid.NewGuid()}/notices", null, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        var none = await (await office.PostAsync($"{Api}/{empty}/notices", null, Ct)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var blank = await (await office.PutAsJsonAsync($"{Api}/{empty}/public-notice", new { ja = " " }, Ct)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var noNotice = await (await office.DeleteAsync($"{Api}/{empty}/public-notice", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal("incident.unknown", unknown.Code());
        Assert.Equal(("personIds", "incident.no-persons"), (none.Field(), none.Code()));
        Assert.Equal("ja", blank.Field());
        Assert.Equal("incident.no-public-notice", noNotice.Code());
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync($"{Api}/{Guid.NewGuid()}/notices", Ct)).StatusCode);
        Assert.Equal(0, (await office.GetFromJsonAsync<JsonElement>($"{Api}/{empty}/notices", Ct)).GetArrayLength());
    }

    [Fact]
    public async Task A_reader_without_incidents_manage_cannot_notify_or_publish()
    {
        var reader = await app.ClientWithPermissionsAsync(["incidents.read"]);
        var id = await IncidentAsync(await OfficeAsync());

        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync($"{Api}/{id}/notices", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PutAsJsonAsync($"{Api}/{id}/public-notice", new { ja = "x" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"{Api}/{id}/notices", Ct)).StatusCode);
    }
}

public sealed class IncidentNoticeTests_Sqlite(MailSqliteApp app) : IncidentNoticeTests(app), IClassFixture<MailSqliteApp>;

public sealed class IncidentNoticeTests_Postgres(MailPostgresApp app) : IncidentNoticeTests(app), IClassFixture<MailPostgresApp>;
