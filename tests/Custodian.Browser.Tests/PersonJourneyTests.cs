using Custodian.Audit;
using Custodian.Gate;
using Custodian.Staff;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Browser.Tests;

public sealed class PersonJourneyTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    private T Service<T>() where T : notnull => console.Server.Services.GetRequiredService<T>();

    [Fact]
    public async Task A_recruiter_finds_a_person_by_email_for_a_declared_purpose_and_every_read_of_the_result_and_the_page_is_audited()
    {
        var email = $"ana.{Guid.NewGuid():N}@example.com";
        var registered = await Service<PersonVault>().RegisterAsync(Actor.System, new Registration("service-application", new Dictionary<string, string?>
        {
            ["name"] = "Ana Torres",
            ["email"] = email,
            ["telephone"] = "+52 442 555 0101",
            ["date-of-birth"] = "1990-05-04",
            ["career"] = "Accountant",
        }), TestContext.Current.CancellationToken);
        var personId = registered.Value;
        var recruiter = "recruiter." + Guid.NewGuid().ToString("N")[..8];
        Assert.True((await Service<StaffAccounts>().CreateAsync(Actor.System, recruiter, "a long recruiter password", "recruiter", TestContext.Current.CancellationToken)).Succeeded);
        var page = await console.NewPageAsync();
        await ConsoleJourney.SignInFirstTimeAsync(page, recruiter, "a long recruiter password");

        await page.ClickAsync("header nav a:has-text('Persons')");
        await page.FillAsync("#value", email);
        await page.SelectOptionAsync("#purpose", "service.apply");
        await page.ClickAsync("button:has-text('Search')");
        Assert.DoesNotContain(email, page.Url, StringComparison.OrdinalIgnoreCase);
        // The result is read through the gate for the purpose declared on the search, and the purpose carries to the page.
        Assert.Contains("Ana Torres", await page.InnerTextAsync("table.results"), StringComparison.Ordinal);
        await page.ClickAsync($"a[href^='console/persons/{personId}']");

        var items = await page.InnerTextAsync("table.items");
        Assert.Contains("Ana Torres", items, StringComparison.Ordinal);
        Assert.Contains("Accountant", items, StringComparison.Ordinal);
        await using var db = await Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var reads = await db.Set<AuditEvent>().Where(e => e.PersonId == personId && e.Type == AuditEventType.PersonRead).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, reads.Count);
        var read = reads[0];
        Assert.All(reads, r => Assert.Equal("service.apply", r.Purpose));
        Assert.StartsWith("staff:", read.Actor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_purpose_that_needs_consent_the_person_did_not_give_shows_the_refusal_and_no_items()
    {
        var registered = await Service<PersonVault>().RegisterAsync(Actor.System, new Registration("service-application", new Dictionary<string, string?>
        {
            ["name"] = "Luis Pérez",
            ["email"] = $"luis.{Guid.NewGuid():N}@example.com",
            ["telephone"] = "+52 442 555 0102",
            ["date-of-birth"] = "1985-01-20",
        }), TestContext.Current.CancellationToken);
        var recruiter = "recruiter." + Guid.NewGuid().ToString("N")[..8];
        await Service<StaffAccounts>().CreateAsync(Actor.System, recruiter, "a long recruiter password", "recruiter", TestContext.Current.CancellationToken);
        var page = await console.NewPageAsync();
        await ConsoleJourney.SignInFirstTimeAsync(page, recruiter, "a long recruiter password");

        await page.GotoAsync($"console/persons/{registered.Value}");
        await page.SelectOptionAsync("#purpose", "service.marketing");
        await page.ClickAsync("button:has-text('Show')");

        Assert.Contains("consent", await page.InnerTextAsync("p.error"), StringComparison.Ordinal);
        Assert.DoesNotContain("Luis", await page.InnerTextAsync("main"), StringComparison.Ordinal);
    }
}
