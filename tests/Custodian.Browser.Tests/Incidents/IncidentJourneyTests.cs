using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Custodian.Gate;
using Custodian.Staff;
using Custodian.Vault;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Custodian.Browser.Tests.Incidents;

/// <summary>
/// A leak from "suspected" to the final report drafted and the person notified: a service token's secret leaked and was used to read a candidate.
/// The privacy officer does every step in the console; the token's read is the only thing done behind the browser's back.
/// </summary>
public sealed class IncidentJourneyTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    private const string Password = "a long account password";

    private T Service<T>() where T : notnull => console.Server.Services.GetRequiredService<T>();

    private static string JapanLocal(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_officer_takes_a_suspected_leak_through_the_affected_persons_assessment_containment_notices_and_both_report_drafts()
    {
        var ct = TestContext.Current.CancellationToken;
        var now = TimeProvider.System.GetUtcNow();
        var officer = "privacy-officer." + Guid.NewGuid().ToString("N")[..8];
        Assert.True((await Service<StaffAccounts>().CreateAsync(Actor.System, officer, Password, "privacy-officer", ct)).Succeeded);
        var vault = Service<PersonVault>();
        var person = (await vault.RegisterAsync(Actor.System, new Registration("service-application", new Dictionary<string, string?>
        {
            ["name"] = "Lucía Herrera", ["email"] = $"lucia.{Guid.NewGuid():N}@example.com", ["telephone"] = "+52 442 555 0107",
            ["date-of-birth"] = "1990-02-11", ["career"] = "Accountant",
        }), ct)).Value;
        var untouched = (await vault.RegisterAsync(Actor.System, new Registration("service-application", new Dictionary<string, string?>
        {
            ["name"] = "Pedro Castillo", ["email"] = $"pedro.{Guid.NewGuid():N}@example.com", ["telephone"] = "+52 442 555 0108",
            ["date-of-birth"] = "1988-09-30", ["career"] = "Driver",
        }), ct)).Value;
        // The leaked secret at work: the CRM token reads one candidate.
        var tokenName = "crm-sync-" + Guid.NewGuid().ToString("N")[..6];
        var token = (await Service<ApiTokens>().CreateAsync(Actor.System, tokenName, ["persons.read"], [], ct)).Value;
        using var leaked = new HttpClient { BaseAddress = console.Server.BaseAddress };
        leaked.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Secret);
        Assert.Equal(HttpStatusCode.OK, (await leaked.GetAsync($"api/v1/persons/{person}?purpose=service.apply", ct)).StatusCode);

        var page = await console.NewPageAsync();
        await ConsoleJourney.EnrolAsync(page, officer, Password);

        // Registered as suspected.
        await page.GotoAsync("console/incidents");
        await page.FillAsync("#learned-at", JapanLocal(now.AddHours(-3)));
        await page.FillAsync("#learned-how", "The CRM vendor reported its sync token in a public repository");
        await page.FillAsync("#summary", "The CRM sync token's secret was published and used from an unknown address");
        await page.SelectOptionAsync("#cause", "unauthorized-access");
        await page.FillAsync("#items", "name, email");
        await page.ClickAsync("button:has-text('Register')");
        await ConsoleJourney.WaitForUrlAsync(page, new System.Text.RegularExpressions.Regex("/console/incidents/[0-9a-f-]{36}$"), "on the incident's page");
        var incidentUrl = page.Url;
        Assert.Equal("suspected", await page.GetAttributeAsync("h1 small[data-status]", "data-status"));

        // Who is affected: the token's uses in the window, names read through the gate, set as the incident's persons.
        await page.SelectOptionAsync("#affected-actor", new SelectOptionValue { Label = tokenName });
        await page.FillAsync("#affected-from", JapanLocal(now.AddDays(-1)));
        await page.FillAsync("#affected-to", JapanLocal(now.AddHours(1)));
        await page.SelectOptionAsync("#affected-purpose", "service.apply");
        await page.ClickAsync("button:has-text(\"Set them as the incident's persons\")");
        await Assertions.Expect(page.Locator("section.affected p[role=status]")).ToContainTextAsync("1 person set");
        var listed = await page.InnerTextAsync("table.affected-persons");
        Assert.Contains("Lucía Herrera", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("Pedro Castillo", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(person.ToString(), listed, StringComparison.Ordinal);
        Assert.DoesNotContain(untouched.ToString(), await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Contains("(1 listed)", await page.InnerTextAsync("dl.request-facts"), StringComparison.Ordinal);

        // Reportable, with its reasoning; confirmed.
        Assert.Equal("reportable", await page.GetAttributeAsync("p[data-assessment]", "data-assessment"));
        Assert.Contains("Art. 7(iii)", await page.InnerTextAsync("ol.reasoning"), StringComparison.Ordinal);
        await page.SelectOptionAsync("#status", "confirmed");
        await page.ClickAsync("button:has-text('Set the status')");
        await Assertions.Expect(page.Locator("h1 small[data-status]")).ToHaveAttributeAsync("data-status", "confirmed");

        // Its deadlines on the home page.
        await page.GotoAsync("console");
        var deadlines = page.Locator($"section.dashboard-incident-deadlines li:has(a[href='{new Uri(incidentUrl).AbsolutePath.TrimStart('/')}'])");
        Assert.Equal(2, await deadlines.CountAsync());
        Assert.Equal(["preliminary", "final"], await deadlines.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.report)"));
        Assert.Contains("open incidents", await page.InnerTextAsync("section.dashboard-incidents"), StringComparison.Ordinal);

        // Containment: the leaked token revoked from the incident page, linked in its timeline by name.
        await page.GotoAsync(incidentUrl);
        await page.SelectOptionAsync("#step", "revoke-token");
        await page.SelectOptionAsync("#subject", new SelectOptionValue { Label = tokenName });
        await page.ClickAsync("button:has-text('Take the step')");
        var contained = page.Locator("table.incident-timeline tr[data-kind='containment:revoke-token']");
        await Assertions.Expect(contained).ToContainTextAsync(tokenName);
        // Revoked by this server, so refused on the next call (another server would refuse it within ValidatedTokens.MaxAge).
        Assert.Equal(HttpStatusCode.Unauthorized, (await leaked.GetAsync($"api/v1/persons/{person}?purpose=service.apply", ct)).StatusCode);

        // The preliminary report drafted (PDF, Japanese), then recorded as sent.
        var preliminary = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a[data-draft='preliminary-ja-pdf']"));
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(await File.ReadAllBytesAsync(await preliminary.PathAsync(), ct), 0, 5));
        await page.SelectOptionAsync("#status", "reported-preliminary");
        await page.ClickAsync("button:has-text('Set the status')");
        await Assertions.Expect(page.Locator("h1 small[data-status]")).ToHaveAttributeAsync("data-status", "reported-preliminary");

        // The affected person told: an e-mail in her language staged through the outbox, recorded by name, never by id.
        await page.ClickAsync("button:has-text('Notify the affected persons')");
        await page.Locator("section.incident-notices p[role=status]").WaitForAsync();
        var told = await page.InnerTextAsync("table.incident-notice-record");
        Assert.Contains("Lucía Herrera", told, StringComparison.Ordinal);
        Assert.DoesNotContain(person.ToString(), told, StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("table.incident-notice-record tr[data-channel='email']").CountAsync());

        // The final report drafted: the PDF, and the JSON with the nine items of Rule 8 prefilled.
        var finalPdf = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a[data-draft='final-en-pdf']"));
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(await File.ReadAllBytesAsync(await finalPdf.PathAsync(), ct), 0, 5));
        var finalJson = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a[data-draft='final-en-json']"));
        var draft = JsonDocument.Parse(await File.ReadAllTextAsync(await finalJson.PathAsync(), ct)).RootElement;
        Assert.Equal("final", draft.GetProperty("stage").GetString());
        var sections = draft.GetProperty("sections").EnumerateArray().ToList();
        Assert.Equal(
            ["overview", "items", "persons", "cause", "secondary-harm", "response-to-persons", "publication", "prevention", "other"],
            sections.Select(s => s.GetProperty("key").GetString()));
        Assert.All(sections, s => Assert.False(string.IsNullOrWhiteSpace(s.GetProperty("text").GetString())));
        Assert.Contains("1", sections[2].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("e-mail", sections[5].GetProperty("text").GetString(), StringComparison.Ordinal);
    }
}
