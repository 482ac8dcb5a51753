using System.Text.RegularExpressions;
using Custodian.Audit;
using Custodian.Browser.Tests.PrivacyCentre;
using Custodian.Consent;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Provision;
using Custodian.Requests;
using Custodian.Staff;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Custodian.Browser.Tests.StaffConsole;

public sealed class PersonPageJourneyTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    private T Service<T>() where T : notnull => console.Server.Services.GetRequiredService<T>();

    [Fact]
    public async Task A_recruiter_registers_a_person_is_warned_of_a_duplicate_and_opens_a_page_with_their_records()
    {
        var ct = TestContext.Current.CancellationToken;
        var email = $"marisol.{Guid.NewGuid():N}@example.com";
        var recruiter = "recruiter." + Guid.NewGuid().ToString("N")[..8];
        Assert.True((await Service<StaffAccounts>().CreateAsync(Actor.System, recruiter, "a long recruiter password", "recruiter", ct)).Succeeded);
        var page = await console.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 900);
        await ConsoleJourney.SignInFirstTimeAsync(page, recruiter, "a long recruiter password");

        await page.ClickAsync("header nav a:has-text('Persons')");
        await page.ClickAsync("main a:has-text('Register a person')");
        await FillRegistrationAsync(page, "Marisol Vega", email, "+52 442 555 0131");
        await page.CheckAsync("input[name='consent'][value='service.provide-to-user-company']");
        await page.ClickAsync("form.register button:has-text('Register')");
        await ConsoleJourney.WaitForUrlAsync(page, new Regex("/console/persons/[0-9a-f-]{36}\\?registered=1$"), "on the new person's page");
        var personId = Guid.Parse(Regex.Match(page.Url, "persons/([0-9a-f-]{36})").Groups[1].Value);
        Assert.Equal("Registered.", await page.InnerTextAsync("p.done"));

        // A second registration with the same e-mail: warned before anything is written, and nothing is.
        await page.GotoAsync("console/persons/new");
        await FillRegistrationAsync(page, "Marisol Vega Soto", email, "+52 442 555 0132");
        await page.ClickAsync("form.register button:has-text('Register')");
        Assert.Contains("may be a person already registered", await page.InnerTextAsync("[data-warning='duplicate']"), StringComparison.Ordinal);
        Assert.Contains("/console/persons/new", page.Url, StringComparison.Ordinal);
        await using (var db = await Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(ct))
        {
            Assert.Equal(1, await db.Set<AuditEvent>().CountAsync(e => e.Type == AuditEventType.PersonRegistered && e.Actor.StartsWith("staff:") && e.PersonId == personId, ct));
        }

        // Their records elsewhere: an entry for a client company (with its provision record) and a request.
        var company = await CompanyAsync("Constructora Norte", ct);
        var entered = await Service<Entries>().EnterAsync(Actor.System, new EntryRequest(personId, company.Id, "api", ["name", "email", "career"], Service<PolicyStore>().Default.Version,
            new ConsentEvidence("staff", Reference: "Entry form EF-2026-131")), ct);
        Assert.True(entered.Succeeded, entered.Failure?.Detail);
        var request = await Service<RequestIntake>().SubmitAsync(Actor.System, new Intake("disclosure", Requester.Person, "api", "en", personId,
            new RequestForm { PersonName = "Marisol Vega", MailingAddress = "Av. Zaragoza 8, Querétaro" }), ct);
        Assert.True(request.Succeeded, request.Failure?.Detail);

        await page.GotoAsync($"console/persons/{personId}");
        Assert.DoesNotContain("Marisol", await page.InnerTextAsync("table.items, h1"), StringComparison.Ordinal);
        await page.SelectOptionAsync("#purpose", "service.apply");
        await page.ClickAsync("button:has-text('Show')");

        Assert.Equal("Marisol Vega", await page.InnerTextAsync("h1"));
        var items = await page.InnerTextAsync("table.items");
        Assert.Contains(email, items, StringComparison.Ordinal);
        Assert.Contains("Geologist", items, StringComparison.Ordinal);
        Assert.Contains("given", await Section(page, "consents").InnerTextAsync());
        Assert.Contains(company.Name, await Section(page, "entries").InnerTextAsync());
        var provisions = await Section(page, "provisions").InnerTextAsync();
        Assert.Contains(company.Name, provisions, StringComparison.Ordinal);
        Assert.DoesNotContain(company.Id.ToString(), provisions, StringComparison.Ordinal);
        await Section(page, "person-requests").Locator($"a:has-text('{request.Value!.Reference}')").WaitForAsync();
        await Screenshots.SaveAsync(page, "console-person.png", fullPage: true);
    }

    [Fact]
    public async Task A_privacy_officer_picks_a_person_reads_their_audit_trail_by_name_and_exports_it_as_csv()
    {
        var ct = TestContext.Current.CancellationToken;
        var email = $"joaquin.{Guid.NewGuid():N}@example.com";
        var registered = await Service<PersonVault>().RegisterAsync(Actor.System, new Registration("service-application", new Dictionary<string, string?>
        {
            ["name"] = "Joaquín Salas",
            ["email"] = email,
            ["telephone"] = "+52 442 555 0141",
            ["date-of-birth"] = "1979-11-02",
        }), ct);
        var personId = registered.Value;
        var officer = "officer." + Guid.NewGuid().ToString("N")[..8];
        var account = (await Service<StaffAccounts>().CreateAsync(Actor.System, officer, "a long officer password", "privacy-officer", ct)).Value!;
        var page = await console.NewPageAsync();
        await ConsoleJourney.SignInFirstTimeAsync(page, officer, "a long officer password");

        // A read for a declared purpose, then the trail that read left, from the person's page.
        await page.GotoAsync($"console/persons/{personId}");
        await page.SelectOptionAsync("#purpose", "service.answer-inquiries");
        await page.ClickAsync("button:has-text('Show')");
        await page.ClickAsync("a:has-text('The whole trail in the audit log')");
        await ConsoleJourney.WaitForPathAsync(page, "/console/audit");
        Assert.Equal(personId.ToString(), await page.GetAttributeAsync("section.audit-person [data-person]", "data-person"));
        // No name is read until the reader asks for names.
        Assert.DoesNotContain("Joaquín", await page.InnerTextAsync("main"), StringComparison.Ordinal);

        // Another person, then back to this one by the e-mail they registered with: the picker, not a pasted id.
        await page.ClickAsync("section.audit-person a:has-text('Any person')");
        await page.FillAsync("#person-email", email);
        await page.ClickAsync("form.person-pick button:has-text('Find')");
        await ConsoleJourney.WaitForUrlAsync(page, new Regex($"/console/audit\\?person={personId}$"), "on the trail of the person picked");
        Assert.DoesNotContain("example.com", page.Url, StringComparison.Ordinal);

        await page.SelectOptionAsync("#type", "PersonRead");
        await page.CheckAsync("input[name='names']");
        await page.ClickAsync("form.filters button:has-text('Search')");
        await ConsoleJourney.WaitForUrlAsync(page, new Regex("names=1"), "with names");

        Assert.Contains("Events of Joaquín Salas.", await page.InnerTextAsync("section.audit-person"), StringComparison.Ordinal);
        // The officer's read for the inquiry, and the picker's read that named the person found by e-mail.
        var rows = page.Locator("table.audit-events tbody tr");
        Assert.Equal(2, await rows.CountAsync());
        foreach (var text in await rows.AllInnerTextsAsync())
        {
            Assert.Contains("Person read", text, StringComparison.Ordinal);
            Assert.Contains(officer, text, StringComparison.Ordinal);
            Assert.Contains("Joaquín Salas", text, StringComparison.Ordinal);
            Assert.DoesNotContain(personId.ToString(), text, StringComparison.Ordinal);
        }

        var inquiry = rows.Filter(new LocatorFilterOptions { Has = page.Locator("td[data-purpose='service.answer-inquiries']") });
        Assert.StartsWith("1b.", (await inquiry.Locator("td[data-purpose]").InnerTextAsync()).Trim(), StringComparison.Ordinal);

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a:has-text('Download these events as CSV')"));
        Assert.Equal("audit-log.csv", download.SuggestedFilename);
        var lines = (await File.ReadAllLinesAsync(await download.PathAsync(), ct)).Where(l => l.Length > 0).ToList();
        Assert.Equal("seq,at,type,outcome,actor,actor_name,person_id,purpose,items,reason,subject,event", lines[0]);
        // Those two reads, and the one that named the person on the page just shown.
        Assert.Equal(3, lines.Count - 1);
        Assert.All(lines.Skip(1), l => Assert.Contains($",PersonRead,allowed,staff:{account.Id},{officer},{personId},", l, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($",{officer},{personId},service.answer-inquiries,", StringComparison.Ordinal));
        Assert.DoesNotContain("Joaquín", string.Join('\n', lines), StringComparison.Ordinal);

        // Reading the log and exporting it are themselves in the log, by this officer.
        await using var db = await Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(ct);
        var own = await db.Set<AuditEvent>().Where(e => e.Actor == "staff:" + account.Id).Select(e => e.Type).ToListAsync(ct);
        Assert.Contains(AuditEventType.AuditLogViewed, own);
        Assert.Contains(AuditEventType.AuditLogExported, own);
    }

    private static ILocator Section(IPage page, string heading) => page.Locator($"section[aria-labelledby='{heading}']");

    private static async Task FillRegistrationAsync(IPage page, string name, string email, string telephone)
    {
        await page.FillAsync("#item-name", name);
        await page.FillAsync("#item-email", email);
        await page.FillAsync("#item-telephone", telephone);
        await page.FillAsync("#item-date-of-birth", "1988-03-21");
        await page.FillAsync("#item-career", "Geologist");
    }

    private async Task<ClientCompany> CompanyAsync(string name, CancellationToken ct)
    {
        var registry = Service<ClientCompanyRegistry>();
        var company = (await registry.RegisterAsync(Actor.System, name + " " + Guid.NewGuid().ToString("N")[..6], "construction", "MX", ct)).Value!;
        await registry.RecordContractAsync(Actor.System, company.Id, new DateOnly(2024, 1, 1), "CT-131", new DateOnly(2099, 1, 1), ct);
        return company;
    }
}
