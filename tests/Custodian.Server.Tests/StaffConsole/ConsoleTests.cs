using System.Net;
using System.Text.RegularExpressions;
using Custodian.Audit;
using Custodian.Gate;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Server.Tests.Staff;
using Custodian.Staff;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.StaffConsole;

/// <summary>The console's persons list, registration with its duplicate warning, the audit-log viewer, and the HTML 404.</summary>
public abstract class ConsoleTests(CustodianApp app)
{
    private static int _peers;

    private static string Peer() => $"198.18.{Interlocked.Increment(ref _peers) / 250}.{_peers % 250 + 1}";

    private static int _phones;

    // Unique e-mail and telephone, so no registration of one test is a duplicate of another's.
    private static Dictionary<string, string?> Items(string? email = null)
    {
        var n = Interlocked.Increment(ref _phones);
        var items = Candidates.Items(email ?? $"console-{Guid.NewGuid():N}@example.com");
        items["telephone"] = $"+52 55 {Random.Shared.Next(1000, 9999)} {n:D4}";
        return items;
    }

    private async Task<Guid> RegisterAsync(Dictionary<string, string?>? items = null)
    {
        var registered = await app.Service<PersonVault>().RegisterAsync(Actor.System, new Registration("service-application", items ?? Items()));
        Assert.True(registered.Succeeded, registered.Failure?.Detail);
        return registered.Value;
    }

    private async Task<List<AuditEvent>> EventsAsync(AuditEventType type)
    {
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        return await db.Set<AuditEvent>().Where(e => e.Type == type).ToListAsync();
    }

    private static List<Guid> PersonsOn(string html) =>
        [.. Regex.Matches(html, "data-person=\"([0-9a-f-]{36})\"").Select(m => Guid.Parse(m.Groups[1].Value))];

    private static string? NextPage(string html) =>
        Regex.Match(html, "href=\"([^\"]+)\" rel=\"next\"") is { Success: true } m ? "/" + WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    [Fact]
    public async Task The_persons_list_pages_by_key_through_every_person_once_and_filters_by_state()
    {
        var registered = new List<Guid>();
        for (var i = 0; i < 55; i++)
        {
            registered.Add(await RegisterAsync());
        }

        await app.Service<PersonVault>().EraseAsync(Actor.System, registered[3]);
        var (staff, _) = await SafetyHost.SignInAsync(app, "privacy-officer", Peer());
        var today = app.Service<TimeProvider>().GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var seen = new List<Guid>();
        string? next = $"/console/persons/list?channel=service-application&from=2000-01-01&to={today}";
        var pages = 0;
        while (next is not null)
        {
            var html = await staff.GetStringAsync(next);
            seen.AddRange(PersonsOn(html));
            next = NextPage(html);
            pages++;
        }

        Assert.True(pages >= 2);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.All(registered, id => Assert.Contains(id, seen));
        var erased = PersonsOn(await staff.GetStringAsync("/console/persons/list?state=erased"));
        Assert.Contains(registered[3], erased);
        Assert.DoesNotContain(registered[4], erased);
    }

    [Fact]
    public async Task A_bad_filter_date_is_a_field_error_in_the_page_language_next_to_the_field()
    {
        var (staff, _) = await SafetyHost.SignInAsync(app, "recruiter", Peer());

        var response = await staff.GetAsync("/console/persons/list?from=2026-13-40&lang=es");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches("<input id=\"from\"[^>]*>\\s*<span class=\"field-error[^\"]*\" id=\"from-error\" data-code=\"date.invalid\">Escriba la fecha como aaaa-mm-dd.</span>", html);
        // The choice of language is kept for the next page.
        Assert.Contains("<html lang=\"es\"", await staff.GetStringAsync("/console/persons/list"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_person_or_console_address_is_an_html_404_while_the_api_keeps_problem_details()
    {
        var (staff, _) = await SafetyHost.SignInAsync(app, "privacy-officer", Peer());

        var person = await staff.GetAsync($"/console/persons/{Guid.NewGuid()}");
        var address = await staff.GetAsync("/console/no-such-page");
        var api = await staff.GetAsync("/api/v1/no-such-endpoint");

        Assert.Equal(HttpStatusCode.NotFound, person.StatusCode);
        Assert.Contains("Page not found", await person.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, address.StatusCode);
        Assert.Equal("text/html", address.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Page not found", await address.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Registering_someone_with_a_known_email_warns_and_registers_only_when_overridden()
    {
        var items = Items();
        var first = await RegisterAsync(items);
        var (staff, _) = await SafetyHost.SignInAsync(app, "recruiter", Peer());
        var again = Items(items["email"]);
        (string, string)[] fields = [("policy", "leverages-career-mexico"), ("channel", "service-application"), .. again.Select(i => ("item." + i.Key, i.Value!))];
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        var before = await db.Set<Person>().CountAsync();

        var warned = await staff.PostAsync("/console/persons/new", await SafetyHost.FormAsync(staff, "/console/persons/new", "person-register", fields));

        Assert.Equal(HttpStatusCode.Conflict, warned.StatusCode);
        Assert.Contains("data-warning=\"duplicate\"", await warned.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await db.Set<Person>().CountAsync());

        var overridden = await staff.PostAsync("/console/persons/new", await SafetyHost.FormAsync(staff, "/console/persons/new", "person-register", [.. fields, ("override", "yes")]));

        // Followed to the new person's page.
        Assert.Equal(HttpStatusCode.OK, overridden.StatusCode);
        var id = Guid.Parse(Regex.Match(overridden.RequestMessage!.RequestUri!.AbsolutePath, "persons/([0-9a-f-]{36})").Groups[1].Value);
        Assert.NotEqual(first, id);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/console/persons/{id}?purpose=service.apply")).StatusCode);
    }

    [Fact]
    public async Task A_registration_missing_a_required_item_shows_the_error_next_to_that_field()
    {
        var (staff, _) = await SafetyHost.SignInAsync(app, "recruiter", Peer());
        var items = Items();
        items.Remove("name");

        var response = await staff.PostAsync("/console/persons/new?lang=ja", await SafetyHost.FormAsync(staff, "/console/persons/new?lang=ja", "person-register",
            [("policy", "leverages-career-mexico"), ("channel", "service-application"), .. items.Select(i => ("item." + i.Key, i.Value!))]));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Matches("id=\"item-name\"[^>]*>\\s*<span class=\"field-error[^\"]*\" id=\"items.name-error\" data-code=\"item.required\">この項目は必須です。</span>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_audit_log_is_for_audit_read_and_every_viewing_and_export_is_itself_audited()
    {
        var person = await RegisterAsync();
        var (recruiter, recruiterId) = await SafetyHost.SignInAsync(app, "recruiter", Peer());
        var (officer, officerId) = await SafetyHost.SignInAsync(app, "privacy-officer", Peer());
        var read = await officer.GetAsync($"/console/persons/{person}?purpose=service.apply");
        Assert.True(read.StatusCode == HttpStatusCode.OK, await read.Content.ReadAsStringAsync());

        // A console door refuses by sending the browser to sign in as someone who may; an API caller gets 403.
        Assert.Equal("/console/sign-in", (await recruiter.GetAsync("/console/audit")).RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("/console/sign-in", (await recruiter.GetAsync("/console/audit/export")).RequestMessage!.RequestUri!.AbsolutePath);
        Assert.DoesNotContain(await EventsAsync(AuditEventType.AuditLogViewed), e => e.Actor == "staff:" + recruiterId);
        var page = await officer.GetStringAsync($"/console/audit?person={person}&type=PersonRead");
        var csv = await officer.GetAsync($"/console/audit/export?person={person}");

        // The officer's own read of the person, with the officer named, not an id.
        Assert.Contains("data-type=\"PersonRead\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-type=\"PersonRegistered\"", page, StringComparison.Ordinal);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("seq,at,type,outcome,actor,actor_name,person_id,purpose,items,reason,subject,event", lines[0]);
        Assert.Contains(lines, l => l.Contains(",PersonRead,allowed,staff:" + officerId + ",st.", StringComparison.Ordinal) && l.Contains(person.ToString(), StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",PersonRegistered,", StringComparison.Ordinal) && l.EndsWith(",Person registered", StringComparison.Ordinal));
        Assert.Contains(await EventsAsync(AuditEventType.AuditLogViewed), e => e.Actor == "staff:" + officerId && e.Subject == person.ToString() && e.Items == "type=PersonRead" && e.PersonId is null);
        Assert.Contains(await EventsAsync(AuditEventType.AuditLogExported), e => e.Actor == "staff:" + officerId && e.Subject == person.ToString());
    }

    [Fact]
    public async Task The_audit_log_reads_in_the_pages_language_and_names_persons_only_when_asked_each_name_a_recorded_read()
    {
        var person = await RegisterAsync();
        var (officer, officerId) = await SafetyHost.SignInAsync(app, "privacy-officer", Peer());
        bool ReadByOfficer(AuditEvent e) => e.PersonId == person && e.Actor == "staff:" + officerId;

        var plain = await officer.GetStringAsync($"/console/audit?person={person}&lang=ja");
        Assert.DoesNotContain(await EventsAsync(AuditEventType.PersonRead), ReadByOfficer);
        var named = await officer.GetStringAsync($"/console/audit?person={person}&names=1&lang=es");

        Assert.Contains("<td>本人の登録</td>", plain, StringComparison.Ordinal);
        Assert.DoesNotContain(">PersonRegistered<", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("María López", plain, StringComparison.Ordinal);
        Assert.Contains("<option value=\"PersonRead\">本人情報の閲覧</option>", plain, StringComparison.Ordinal);
        Assert.Contains("<td>Registro de persona</td>", named, StringComparison.Ordinal);
        Assert.Contains("Eventos de María López.", named, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"console/persons/{person}\">María López</a>", named, StringComparison.Ordinal);
        Assert.DoesNotContain($">{person}<", named, StringComparison.Ordinal);
        // The name was read through the gate, once, and recorded as a read by the officer.
        Assert.Single(await EventsAsync(AuditEventType.PersonRead), ReadByOfficer);
    }

    [Fact]
    public async Task The_audit_logs_who_filter_offers_api_tokens_by_name_and_choosing_one_shows_that_tokens_events_only()
    {
        var person = await RegisterAsync();
        var name = $"payroll-sync-{Guid.NewGuid():N}"[..20];
        var created = await app.Service<ApiTokens>().CreateAsync(Actor.System, name, ["persons.read"], []);
        var token = app.CreateClient();
        token.DefaultRequestHeaders.Authorization = new("Bearer", created.Value.Secret);
        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync($"/api/v1/persons/{person}?purpose=service.apply")).StatusCode);
        var (officer, _) = await SafetyHost.SignInAsync(app, "privacy-officer", Peer());
        var actor = "token:" + created.Value.Token.Id;

        var any = await officer.GetStringAsync($"/console/audit?person={person}&lang=en");
        var chosen = await officer.GetStringAsync($"/console/audit?person={person}&actor={actor}&lang=en");
        var csv = await officer.GetStringAsync($"/console/audit/export?person={person}&actor={actor}");

        // Offered by its name, in the language of the page; its secret is nowhere (only its hash is kept).
        Assert.Matches($"<option value=\"{actor}\">API token “{name}”</option>", any);
        Assert.Matches($"<option value=\"{actor}\" selected[^>]*>API token “{name}”</option>", chosen);
        Assert.Contains("data-type=\"PersonRegistered\"", any, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Value.Secret, any + chosen, StringComparison.Ordinal);
        // Chosen, it shows the token's read of the person and not the system's registration of them.
        Assert.Single(Regex.Matches(chosen, "data-type=\"PersonRead\""));
        Assert.DoesNotContain("data-type=\"PersonRegistered\"", chosen, StringComparison.Ordinal);
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.All(rows, row => Assert.Contains($",{actor},", row, StringComparison.Ordinal));
        Assert.Single(rows);
    }

    [Fact]
    public async Task A_bad_audit_filter_is_a_field_error_and_reads_nothing()
    {
        var (officer, officerId) = await SafetyHost.SignInAsync(app, "privacy-officer", Peer());

        var response = await officer.GetAsync("/console/audit?person=not-an-id&from=yesterday");
        var export = await officer.GetAsync("/console/audit/export?type=NoSuchEvent");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-code=\"person.invalid\"", html, StringComparison.Ordinal);
        Assert.Contains("data-code=\"date.invalid\"", html, StringComparison.Ordinal);
        Assert.Equal("type", (await export.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).Field());
        Assert.DoesNotContain(await EventsAsync(AuditEventType.AuditLogViewed), e => e.Actor == "staff:" + officerId);
    }

    [Fact]
    public async Task The_home_page_shows_only_the_sections_of_the_role_and_links_every_figure_to_its_list()
    {
        var (officer, _) = await SafetyHost.SignInAsync(app, "privacy-officer", Peer());
        var (recruiter, _) = await SafetyHost.SignInAsync(app, "recruiter", Peer());

        var full = await officer.GetStringAsync("/console");
        var small = await recruiter.GetStringAsync("/console");

        Assert.Contains("href=\"console/requests?due=overdue\" data-figure=\"overdue\"", full, StringComparison.Ordinal);
        Assert.Contains("href=\"console/inquiries\" data-figure=\"inquiries\"", full, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"provision-without-consent\"", full, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"retention-due\"", full, StringComparison.Ordinal);
        Assert.Contains("href=\"console/mail?state=dead\" data-figure=\"mail-dead\"", full, StringComparison.Ordinal);
        Assert.Contains("href=\"console/incidents\" data-figure=\"incidents-open\"", full, StringComparison.Ordinal);
        Assert.Contains("<svg", full, StringComparison.Ordinal);
        Assert.DoesNotContain("data-figure", small, StringComparison.Ordinal);
        Assert.Contains("console/persons/new", small, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/console/requests?due=at-risk")).StatusCode);
    }

    [Fact]
    public async Task Safe_management_pages_say_nothing_is_done_on_a_plain_visit()
    {
        var (admin, _) = await SafetyHost.SignInAsync(app, "administrator", Peer());
        foreach (var page in new[] { "/console/safe-management", "/console/safe-management/roles", "/console/safe-management/staff", "/console/safe-management/accounts", "/console/safe-management/access-review" })
        {
            Assert.DoesNotContain("class=\"done\"", await admin.GetStringAsync(page), StringComparison.Ordinal);
        }
    }
}

public sealed class ConsoleTests_Sqlite(SafetySqliteApp app) : ConsoleTests(app), IClassFixture<SafetySqliteApp>;

public sealed class ConsoleTests_Postgres(SafetyPostgresApp app) : ConsoleTests(app), IClassFixture<SafetyPostgresApp>;
