using Custodian.Gate;
using Custodian.Staff;
using Custodian.Vault;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Browser.Tests.Requests;

public sealed class DisclosureJourneyTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    private T Service<T>() where T : notnull => console.Server.Services.GetRequiredService<T>();

    [Fact]
    public async Task A_request_is_handled_from_the_requesters_submission_to_the_letter()
    {
        var ct = TestContext.Current.CancellationToken;
        var email = $"sofia.{Guid.NewGuid():N}@example.com";
        await Service<PersonVault>().RegisterAsync(Actor.System, new Registration("service-application", new Dictionary<string, string?>
        {
            ["name"] = "Sofía Ramírez",
            ["email"] = email,
            ["telephone"] = "+52 442 555 0199",
            ["date-of-birth"] = "1992-07-14",
            ["career"] = "Software engineer",
        }), ct);
        // A second person registered with the same address: the privacy centre cannot tell which one asks, so staff choose.
        await Service<PersonVault>().RegisterAsync(Actor.System, new Registration("service-application", new Dictionary<string, string?>
        {
            ["name"] = "Sofía Ramírez Ortega",
            ["email"] = email,
            ["telephone"] = "+52 442 555 0200",
            ["date-of-birth"] = "1961-01-30",
        }), ct);
        var scan = Path.Combine(Path.GetTempPath(), $"passport-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(scan, [.. "%PDF-1.4\n"u8.ToArray(), .. new byte[64]], ct);

        // The person, in the privacy centre.
        var person = await console.NewPageAsync();
        await person.GotoAsync("privacy/requests/new?lang=en");
        await person.SelectOptionAsync("#type", "disclosure");
        await person.SelectOptionAsync("#requester", "person");
        await person.FillAsync("#personName", "Sofía Ramírez");
        await person.FillAsync("#email", email);
        await person.FillAsync("#mailingAddress", "Calle Hidalgo 12, Querétaro");
        await person.ClickAsync("button:has-text('Send the request')");
        var reference = await person.InnerTextAsync("#reference");
        var secret = await person.InnerTextAsync("#secret");
        Assert.DoesNotContain(email, person.Url, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Passport", await person.InnerTextAsync("ul.checklist"), StringComparison.Ordinal);

        await person.GotoAsync("privacy/requests/status?lang=en");
        await person.FillAsync("#reference", reference);
        await person.FillAsync("#secret", secret);
        await person.ClickAsync("button:has-text('Show my request')");
        await person.SelectOptionAsync("#kind", "passport");
        await person.SetInputFilesAsync("#file", scan);
        await person.ClickAsync("button:has-text('Upload')");
        Assert.NotEqual("the clock starts when the form and documents have arrived", await person.InnerTextAsync("#due"));

        // Staff, in the console.
        var reviewer = "privacy." + Guid.NewGuid().ToString("N")[..8];
        Assert.True((await Service<StaffAccounts>().CreateAsync(Actor.System, reviewer, "a long reviewer password", "request-handler", ct)).Succeeded);
        var staff = await console.NewPageAsync();
        await ConsoleJourney.SignInFirstTimeAsync(staff, reviewer, "a long reviewer password");
        await staff.ClickAsync("header nav a:has-text('Requests')");
        await staff.ClickAsync($"a:has-text('{reference}')");
        Assert.Equal("Sofía Ramírez", await staff.InnerTextAsync("#submitted-name"));
        Assert.Equal("Calle Hidalgo 12, Querétaro", await staff.InnerTextAsync("#submitted-address"));
        Assert.Equal(2, await staff.Locator("table.suggestions tbody tr").CountAsync());
        await staff.Locator("table.suggestions tbody tr", new() { HasText = "1992-07-14" }).Locator("button:has-text('Link this person')").ClickAsync();
        Assert.Contains("linked", await staff.InnerTextAsync("a.person-link"), StringComparison.Ordinal);

        // Accept appears only once the document has been opened; the server refuses it before that as well.
        Assert.Equal(0, await staff.Locator("button:has-text('Accept')").CountAsync());
        var documentHref = await staff.GetAttributeAsync("table.documents a:has-text('Open')", "href");
        var opened = await staff.Context.APIRequest.GetAsync(new Uri(new Uri(staff.Url), "/" + documentHref).ToString());
        Assert.Equal(200, opened.Status);
        // A fresh GET of the request page: reloading would send the last form again.
        await staff.GotoAsync(staff.Url);
        await staff.ClickAsync("button:has-text('Accept')");
        await staff.ClickAsync("button:has-text('Verify identity')");
        Assert.Contains("disposed of", await staff.InnerTextAsync("table.documents"), StringComparison.Ordinal);
        await staff.ClickAsync("button:has-text('Start work')");
        Assert.Equal(0, await staff.Locator("button:has-text('Fulfil the request')").CountAsync());
        await staff.ClickAsync("button:has-text('Preview the disclosure')");
        Assert.Contains("Sofía Ramírez", await staff.InnerTextAsync("table.preview-items"), StringComparison.Ordinal);
        Assert.Contains("Software engineer", await staff.InnerTextAsync("table.preview-items"), StringComparison.Ordinal);
        await staff.ClickAsync("button:has-text('Fulfil the request')");
        Assert.Equal("fulfilled", await staff.GetAttributeAsync("dd[data-state]", "data-state"));
        var mailed = await staff.RunAndWaitForDownloadAsync(() => staff.ClickAsync("a.letter"));
        var forMailing = await File.ReadAllBytesAsync(await mailed.PathAsync(), ct);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(forMailing, 0, 5));

        // The person gets the letter.
        await person.GotoAsync("privacy/requests/status?lang=en");
        Assert.Equal("fulfilled", await person.GetAttributeAsync("dd[data-state]", "data-state"));
        var download = await person.RunAndWaitForDownloadAsync(() => person.ClickAsync("#letter"));
        var letter = await File.ReadAllBytesAsync(await download.PathAsync(), ct);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(letter, 0, 5));
        File.Delete(scan);
    }
}
