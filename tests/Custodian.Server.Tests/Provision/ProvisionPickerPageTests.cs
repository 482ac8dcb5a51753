using System.Net;
using Custodian.Audit;
using Custodian.Gate;
using Custodian.Provision;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Server.Tests.Staff;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.Provision;

/// <summary>
/// The provision pages name persons by the e-mail they registered with and choose among namesakes by name, staff by
/// user name, companies by name with an ISO country: nobody pastes or reads an id.
/// </summary>
public abstract class ProvisionPickerPageTests(CustodianApp app)
{
    private async Task<Guid> RegisterAsync(string email, string name, string born)
    {
        var items = Candidates.Items(email);
        (items["name"], items["date-of-birth"], items["telephone"]) = (name, born, $"+52 442 {Random.Shared.Next(100, 999)} {Random.Shared.Next(1000, 9999)}");
        var registered = await app.Service<PersonVault>().RegisterAsync(Actor.System, new Registration("service-application", items));
        Assert.True(registered.Succeeded, registered.Failure?.Detail);
        return registered.Value;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient staff, string page, string form, params (string, string)[] fields) =>
        SafetyHost.FormAsync(staff, page, form, fields).ContinueWith(t => staff.PostAsync(page, t.Result)).Unwrap();

    [Fact]
    public async Task A_stop_is_made_for_the_person_found_by_email_and_named_on_the_page()
    {
        var email = $"stop.{Guid.NewGuid():N}@example.com";
        var person = await RegisterAsync(email, "Rosa Márquez", "1987-02-11");
        var (staff, _) = await SafetyHost.SignInAsync(app, "privacy-officer", "127.0.0.1");

        var shown = await (await PostAsync(staff, "/console/provision/stops", "show", ("personEmail", email))).Content.ReadAsStringAsync();
        var stopped = await PostAsync(staff, "/console/provision/stops", "stop", ("action", "act"), ("personEmail", email), ("personId", person.ToString()));

        Assert.Contains("Provision to third parties for Rosa Márquez is not stopped", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("Person id", shown, StringComparison.Ordinal);
        Assert.Contains("Rosa Márquez is stopped", await stopped.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        Assert.True(await db.Set<Person>().Where(p => p.Id == person).Select(p => p.ProvisionStopped).SingleAsync());
    }

    [Fact]
    public async Task An_id_the_email_does_not_name_is_refused_and_nothing_is_stopped()
    {
        var email = $"own.{Guid.NewGuid():N}@example.com";
        await RegisterAsync(email, "Elena Ríos", "1990-06-01");
        var other = await RegisterAsync($"other.{Guid.NewGuid():N}@example.com", "Pablo Ríos", "1991-07-02");
        var (staff, _) = await SafetyHost.SignInAsync(app, "privacy-officer", "127.0.0.1");

        var response = await PostAsync(staff, "/console/provision/stops", "stop", ("action", "act"), ("personEmail", email), ("personId", other.ToString()));

        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        Assert.False(await db.Set<Person>().Where(p => p.Id == other).Select(p => p.ProvisionStopped).SingleAsync());
        Assert.DoesNotContain(await db.Set<AuditEvent>().Where(e => e.PersonId == other).Select(e => e.Type).ToListAsync(), t => t == AuditEventType.ProvisionStopRequested);
    }

    [Fact]
    public async Task Namesakes_by_email_are_offered_by_name_and_date_of_birth_and_the_chosen_ones_consents_are_shown()
    {
        var email = $"shared.{Guid.NewGuid():N}@example.com";
        await RegisterAsync(email, "Lucía Fernández", "1970-01-15");
        var younger = await RegisterAsync(email, "Lucía Fernández Gil", "1998-09-30");
        var (staff, _) = await SafetyHost.SignInAsync(app, "privacy-officer", "127.0.0.1");

        var choice = await (await PostAsync(staff, "/console/provision/consent", "show", ("personEmail", email))).Content.ReadAsStringAsync();
        var shown = await (await PostAsync(staff, "/console/provision/consent", "show", ("personEmail", email), ("personId", younger.ToString()))).Content.ReadAsStringAsync();

        Assert.Contains("Several persons have this e-mail address", choice, StringComparison.Ordinal);
        Assert.Contains("born 1970-01-15", choice, StringComparison.Ordinal);
        Assert.Contains("born 1998-09-30", choice, StringComparison.Ordinal);
        Assert.DoesNotContain("Current state", choice, StringComparison.Ordinal);
        Assert.Contains("Current state for Lucía Fernández Gil", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provision_without_consent_is_asked_by_email_and_listed_with_the_askers_user_name()
    {
        var email = $"wc.{Guid.NewGuid():N}@example.com";
        var person = await RegisterAsync(email, "Tomás Herrera", "1983-12-03");
        var asker = await SafetyHost.SignInNewAsync(app, "privacy-officer", "127.0.0.1");

        var asked = await PostAsync(asker.Client, "/console/provision/without-consent", "request", ("personEmail", email), ("recipient", "Fiscalía General"),
            ("ground", "a"), ("reason", "Court order 77/2026"), ("items", "name"), ("method", "document"));

        var page = await asked.Content.ReadAsStringAsync();
        Assert.Contains("The request awaits an approver other than you", page, StringComparison.Ordinal);
        Assert.Contains($"by {asker.UserName}", page, StringComparison.Ordinal);
        Assert.DoesNotContain(asker.Id.ToString(), page, StringComparison.Ordinal);
        Assert.DoesNotContain($"<code>{person}</code>", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"console/persons/{person}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Company_details_are_edited_in_the_console_a_typed_country_name_becomes_its_code_and_a_bad_one_is_a_field_error()
    {
        var company = (await app.Service<ClientCompanyRegistry>().RegisterAsync(Actor.System, "Kogyo " + Guid.NewGuid().ToString("N")[..6], "manufacturing", "MX")).Value!;
        var (staff, staffId) = await SafetyHost.SignInAsync(app, "privacy-officer", "127.0.0.1");
        var page = $"/console/provision/companies/{company.Id}";

        var saved = await (await PostAsync(staff, page, "details", ("name", "Sakura Kogyo"), ("industry", "manufacturing"), ("country", "Japan"))).Content.ReadAsStringAsync();
        var refused = await PostAsync(staff, page, "details", ("name", "Sakura Kogyo"), ("industry", "manufacturing"), ("country", "JA"));

        Assert.Contains("Japan (JP) (abroad)", saved, StringComparison.Ordinal);
        Assert.Contains("ISO 3166", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var stored = (await app.Service<ClientCompanyRegistry>().FindAsync(company.Id))!;
        Assert.Equal(("Sakura Kogyo", "JP"), (stored.Name, stored.Country));
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        var audited = await db.Set<AuditEvent>().SingleAsync(e => e.Type == AuditEventType.ClientCompanyUpdated && e.Subject == company.Id.ToString());
        Assert.Equal(("name,country", $"staff:{staffId}"), (audited.Items, audited.Actor));
    }
}

public sealed class ProvisionPickerPageTests_Sqlite(SqliteApp app) : ProvisionPickerPageTests(app), IClassFixture<SqliteApp>;

public sealed class ProvisionPickerPageTests_Postgres(PostgresApp app) : ProvisionPickerPageTests(app), IClassFixture<PostgresApp>;
