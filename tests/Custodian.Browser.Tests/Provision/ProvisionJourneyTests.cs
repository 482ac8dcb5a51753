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
        var person = (await Service<PersonVault>().RegisterAsync(Actor.System, new Registration("service-application", new Dictionary<string, string?>
        {
            ["name"] = "Carmen Ruiz",
            ["email"] = $"carmen.{Guid.NewGuid():N}@example.com",
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
        await page.ClickAsync("header nav a:has-text('Put forward')");
        await page.FillAsync("#person-id", person.ToString());
        await page.SelectOptionAsync("#company", company.Id.ToString());
        await page.SelectOptionAsync("#method", "api");
        await page.ClickAsync("button:has-text('Put forward')");
        Assert.Contains("Provision record", await page.InnerTextAsync("p.done"), StringComparison.Ordinal);

        var companyPage = await console.NewPageAsync();
        await ConsoleJourney.SignInFirstTimeAsync(companyPage, companyUser, "a long company password");
        await companyPage.GotoAsync("company");
        await companyPage.ClickAsync($"a[href='company/persons/{person}']");
        var items = await companyPage.InnerTextAsync("table.items tbody");

        Assert.Equal(5, await companyPage.Locator("table.items tbody tr").CountAsync());
        foreach (var provided in new[] { "Carmen Ruiz", "+52", "1992-07-15", "Civil engineer", "carmen." })
        {
            Assert.Contains(provided, items, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Constructora", await companyPage.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Contains("Leverages Career Mexico", await companyPage.InnerTextAsync("section.statement"), StringComparison.Ordinal);

        await companyPage.GotoAsync($"console/persons/{person}");
        await companyPage.SelectOptionAsync("#purpose", "service.apply");
        await companyPage.ClickAsync("button:has-text('Show')");
        Assert.Contains("only receives what was provided", await companyPage.InnerTextAsync("p.error"), StringComparison.Ordinal);
    }
}
