using Custodian.Gate;
using Custodian.Provision;
using Custodian.Staff;
using Custodian.Vault;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Browser.Tests.Provision;

public sealed class ProvisionJourneyTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    private T Service<T>() where T : notnull => console.Server.Services.GetRequiredService<T>();

    [Fact]
    public async Task A_recruiter_puts_a_candidate_forward_and_the_company_user_sees_exactly_the_provided_items()
    {
        var ct = TestContext.Current.CancellationToken;
        var email = $"carmen.{Guid.NewGuid():N}@example.com";
        var person = (await Service<PersonVault>().RegisterAsync(Actor.System, new Registration("service-application", new Dictionary<string, string?>
        {
            ["name"] = "Carmen Ruiz",
            ["email"] = email,
            ["telephone"] = "+52 442 555 0199",
            ["date-of-birth"] = "1992-07-15",
            ["career"] = "Civil engineer",
            ["place-of-work"] = "Constructora Bajío",
        }), ct)).Value;
        var registry = Service<ClientCompanyRegistry>();
        var company = (await registry.RegisterAsync(Actor.System, "Grupo Industrial " + Guid.NewGuid().ToString("N")[..6], "construction", "MX", ct)).Value!;
        await registry.RecordContractAsync(Actor.System, company.Id, new DateOnly(2024, 1, 1), "CT-77", new DateOnly(2099, 1, 1), ct);
        var accounts = Service<StaffAccounts>();
        var recruiter = "recruiter." + Guid.NewGuid().ToString("N")[..8];
        var companyUser = "company." + Guid.NewGuid().ToString("N")[..8];
        await accounts.CreateAsync(Actor.System, recruiter, "a long recruiter password", "recruiter", ct);
        var account = (await accounts.CreateAsync(Actor.System, companyUser, "a long company password", ProvisionRoles.CompanyUser, ct)).Value!;
        Assert.True((await registry.LinkUserAsync(Actor.System, company.Id, account.Id, ct)).Succeeded);

        var page = await console.NewPageAsync();
        await ConsoleJourney.SignInFirstTimeAsync(page, recruiter, "a long recruiter password");
        await page.ClickAsync("header nav a:has-text('Provision')");
        await page.ClickAsync("main ul.provision-index a:has-text('Put forward')");
        await page.FillAsync("#candidate-email", email);
        await page.ClickAsync("button:has-text('Find')");
        Assert.Contains("Carmen Ruiz", await page.InnerTextAsync("form fieldset"), StringComparison.Ordinal);
        await page.SelectOptionAsync("#company", new Microsoft.Playwright.SelectOptionValue { Label = $"{company.Name} (Mexico)" });
        await page.SelectOptionAsync("#method", "api");
        // A consent told to staff needs a reference to its evidence: without one, nothing is recorded.
        await page.EvalOnSelectorAsync("#evidence-reference", "e => e.removeAttribute('required')");
        await page.ClickAsync("button:has-text('Put forward')");
        Assert.Contains("evidence", await page.InnerTextAsync(".field-error"), StringComparison.Ordinal);
        await page.FillAsync("#evidence-reference", "Signed entry form EF-2026-114, Querétaro office");
        await page.ClickAsync("button:has-text('Put forward')");
        var entered = await page.InnerTextAsync("main");
        Assert.True(entered.Contains($"Put forward to {company.Name}", StringComparison.Ordinal), entered);

        var companyPage = await console.NewPageAsync();
        await ConsoleJourney.SignInFirstTimeAsync(companyPage, companyUser, "a long company password");
        await companyPage.GotoAsync("company");
        // The list numbers its candidates: it shows no id, and it reads no one (reading is receiving).
        Assert.DoesNotContain(person.ToString(), await companyPage.InnerTextAsync("main"), StringComparison.OrdinalIgnoreCase);
        await companyPage.GotoAsync("company?lang=es");
        Assert.Contains("Candidatos suministrados a su empresa", await companyPage.InnerTextAsync("h1"), StringComparison.Ordinal);
        await companyPage.ClickAsync($"a[href='company/persons/{person}']");
        Assert.Contains("Cómo se obtuvieron estos datos", await companyPage.InnerTextAsync("section.statement h2"), StringComparison.Ordinal);
        var items = await companyPage.InnerTextAsync("table.items tbody");

        Assert.Equal(5, await companyPage.Locator("table.items tbody tr").CountAsync());
        foreach (var provided in new[] { "Carmen Ruiz", "+52", "1992-07-15", "Civil engineer", "carmen." })
        {
            Assert.Contains(provided, items, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Constructora", await companyPage.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Contains("Leverages Career Mexico", await companyPage.InnerTextAsync("section.statement"), StringComparison.Ordinal);

        // The staff console is another realm: its person page is not even opened for a company's user.
        await companyPage.GotoAsync($"console/persons/{person}");
        Assert.Contains("/console/sign-in", companyPage.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_keep_companies_ask_and_approve_a_provision_without_consent_and_use_every_provision_page()
    {
        var ct = TestContext.Current.CancellationToken;
        var email = $"luis.{Guid.NewGuid():N}@example.com";
        var person = (await Service<PersonVault>().RegisterAsync(Actor.System, new Registration("service-application", new Dictionary<string, string?>
        {
            ["name"] = "Luis Herrera",
            ["email"] = email,
            ["address"] = "Calle Madero 12, Querétaro",
            ["telephone"] = "+52 442 555 0101",
            ["date-of-birth"] = "1988-02-03",
        }), ct)).Value;
        var accounts = Service<StaffAccounts>();
        // Every provision page is opened by one account: an administrator, whose role holds every provision permission.
        var (keeper, officer) = ("keeper." + Guid.NewGuid().ToString("N")[..8], "officer." + Guid.NewGuid().ToString("N")[..8]);
        await accounts.CreateAsync(Actor.System, keeper, "a long keeper password", "administrator", ct);
        await accounts.CreateAsync(Actor.System, officer, "a long officer password", "privacy-officer", ct);
        var companyUser = "company." + Guid.NewGuid().ToString("N")[..8];
        await accounts.CreateAsync(Actor.System, companyUser, "a long company password", ProvisionRoles.CompanyUser, ct);

        var page = await console.NewPageAsync();
        await ConsoleJourney.SignInFirstTimeAsync(page, keeper, "a long keeper password");
        await page.ClickAsync("header nav a:has-text('Provision')");
        await page.ClickAsync("main ul.provision-index a:has-text('Client companies')");
        await page.FillAsync("#name", "Acme Staffing " + Guid.NewGuid().ToString("N")[..6]);
        await page.FillAsync("#industry", "staffing");
        await page.FillAsync("#country", "United States");
        await page.ClickAsync("button:has-text('Register')");
        Assert.Contains("United States (US)", await page.InnerTextAsync("#company-country"), StringComparison.Ordinal);
        await page.FillAsync("#signed-on", "2024-01-01");
        await page.FillAsync("#document", "CT-US-1");
        await page.FillAsync("#expires-on", "2099-01-01");
        await page.ClickAsync("button:has-text('Record the contract')");
        await page.FillAsync("#agreed-on", "2024-01-02");
        await page.FillAsync("#same-care-document", "SC-US-1");
        await page.ClickAsync("button:has-text('Record the agreement')");
        Assert.Contains("SC-US-1", await page.InnerTextAsync("dl.request-facts"), StringComparison.Ordinal);
        await page.SelectOptionAsync("#staff-account", new Microsoft.Playwright.SelectOptionValue { Label = companyUser });
        await page.ClickAsync("button:has-text('Make it this company')");
        var linked = await page.InnerTextAsync("main");
        Assert.True(linked.Contains("Recorded.", StringComparison.Ordinal), linked);

        // Details are corrected in place; a country the ISO list does not know is a field error, a name becomes its code.
        await page.FillAsync("#company-country-input", "Narnia");
        await page.ClickAsync("button:has-text('Save the details')");
        Assert.Contains("ISO 3166", await page.InnerTextAsync("#company-country-input-error"), StringComparison.Ordinal);
        await page.FillAsync("#company-country-input", "Japan");
        await page.ClickAsync("button:has-text('Save the details')");
        Assert.Contains("Japan (JP)", await page.InnerTextAsync("#company-country"), StringComparison.Ordinal);

        await page.ClickAsync("nav.provision-nav a:has-text('Without consent')");
        await page.FillAsync("#person-email", email);
        await page.FillAsync("#recipient", "Fiscalía General del Estado de Querétaro");
        await page.CheckAsync("input[name='ground'][value='a']");
        await page.FillAsync("#reason", "Court order in case 45/2026");
        await page.CheckAsync("input[name='items'][value='name']");
        await page.ClickAsync("button:has-text('Ask for approval')");
        var asked = await page.InnerTextAsync("main");
        Assert.True(asked.Contains("awaits an approver", StringComparison.Ordinal), asked);

        var approver = await console.NewPageAsync();
        await ConsoleJourney.SignInFirstTimeAsync(approver, officer, "a long officer password");
        await approver.GotoAsync("console/provision/without-consent");
        await approver.Locator("table.provision-requests tr", new() { Has = approver.Locator($"a[href='console/persons/{person}']") }).Locator("button:has-text('Approve and release')").ClickAsync();
        Assert.Equal("Luis Herrera", await approver.InnerTextAsync("section.released table.items td"));
        Assert.Equal(1, await approver.Locator("section.released table.items tr").CountAsync());

        await approver.ClickAsync("nav.provision-nav a:has-text('Provision records')");
        await approver.FillAsync("#person-email", email);
        await approver.ClickAsync("button:has-text('Search')");
        Assert.Contains("ground (a)", await approver.InnerTextAsync("table.records tbody"), StringComparison.Ordinal);
        Assert.Contains("format=csv", await approver.GetAttributeAsync("a.csv", "href"), StringComparison.Ordinal);

        await approver.ClickAsync("nav.provision-nav a:has-text('Stops')");
        await approver.FillAsync("#person-email", email);
        await approver.ClickAsync("button:has-text('Show')");
        await approver.ClickAsync("button:has-text('Stop provision')");
        Assert.Equal("Provision to third parties for Luis Herrera is stopped", await approver.InnerTextAsync("main h2"));

        await approver.ClickAsync("nav.provision-nav a:has-text('Joint use')");
        var joint = approver.Locator("section.joint-use").First;
        await joint.Locator("textarea[name='change']").FillAsync("A new affiliate joins the joint users.");
        await joint.Locator("input[name='effectiveOn']").FillAsync("2099-01-01");
        await joint.Locator("button:has-text('Record the notice')").ClickAsync();
        Assert.Contains("A new affiliate joins", await approver.Locator("section.joint-use ul.notices").First.InnerTextAsync(), StringComparison.Ordinal);

        await approver.ClickAsync("nav.provision-nav a:has-text('Consignees')");
        var consignee = "Archivo Seguro " + Guid.NewGuid().ToString("N")[..6];
        await approver.FillAsync("#name", consignee);
        await approver.CheckAsync("input[name='purposes'][value='service.answer-inquiries']");
        await approver.CheckAsync("input[name='items'][value='name']");
        foreach (var criterion in SelectionChecklist.Criteria)
        {
            await approver.CheckAsync($"input[name='checklist'][value='{criterion}']");
        }

        await approver.ClickAsync("button:has-text('Select')");
        var selected = approver.Locator("section.consignee", new() { HasText = consignee });
        await selected.Locator("textarea[name='findings']").FillAsync("Visit: controls in place");
        await selected.Locator("input[name='satisfactory']").CheckAsync();
        await selected.Locator("button:has-text('Record the supervision')").ClickAsync();
        Assert.Contains("Visit: controls in place", await approver.Locator("section.consignee", new() { HasText = consignee }).InnerTextAsync(), StringComparison.Ordinal);
        await approver.Locator("section.consignee", new() { HasText = consignee }).Locator("button:has-text('Issue the API credential')").ClickAsync();
        Assert.StartsWith("cst_", await approver.Locator("section.consignee", new() { HasText = consignee }).Locator("code.secret").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await approver.Locator("section.consignee", new() { HasText = consignee }).Locator("button:has-text('Issue the API credential')").CountAsync());

        await approver.ClickAsync("nav.provision-nav a:has-text('Consent ledger')");
        await approver.FillAsync("#person-email", email);
        await approver.ClickAsync("button:has-text('Show')");
        Assert.Equal(1, await approver.Locator("table.consent-ledger").CountAsync());
    }
}
