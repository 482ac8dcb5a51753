using Custodian.Gate;
using Custodian.Staff;
using Custodian.Vault;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Browser.Tests.Requests;

/// <summary>The group policy's request path: chosen by the service the person used, confirmed by a recorded method (it names no documents).</summary>
public sealed class GroupRequestJourneyTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    private T Service<T>() where T : notnull => console.Server.Services.GetRequiredService<T>();

    [Fact]
    public async Task A_group_request_is_confirmed_by_a_reply_from_the_address_held_and_answered_with_a_letter()
    {
        var ct = TestContext.Current.CancellationToken;
        var email = $"haruka.{Guid.NewGuid():N}@example.com";
        var registered = await Service<PersonVault>().RegisterAsync(Actor.System, new Registration("contact", new Dictionary<string, string?>
        {
            ["name"] = "Haruka Sato",
            ["email"] = email,
            ["inquiry"] = "About the engineer position",
        }, PolicyId: "leverages-group"), ct);
        Assert.True(registered.Succeeded, registered.Failure?.Detail);

        // The person, in the privacy centre: the service they used decides the policy.
        var person = await console.NewPageAsync();
        await person.GotoAsync("privacy/requests/new?lang=en");
        await person.SelectOptionAsync("#service", "leverages-group");
        await person.ClickAsync("button:has-text('Choose this service')");
        Assert.Contains("Leverages Co., Ltd.", await person.InnerTextAsync("p.chosen-service"), StringComparison.Ordinal);
        await person.SelectOptionAsync("#type", "discontinuation-of-third-party-provision");
        await person.FillAsync("#personName", "Haruka Sato");
        await person.FillAsync("#email", email);
        await person.FillAsync("#mailingAddress", "Shibuya 1-1-1, Tokyo");
        await person.ClickAsync("button:has-text('Send the request')");
        var reference = await person.InnerTextAsync("#reference");
        var secret = await person.InnerTextAsync("#secret");
        Assert.Contains("a reply from the e-mail address held", await person.InnerTextAsync("ul.checklist"), StringComparison.Ordinal);

        // Staff, in the console: no documents to review; they confirm by the recorded method.
        var handler = "group." + Guid.NewGuid().ToString("N")[..8];
        Assert.True((await Service<StaffAccounts>().CreateAsync(Actor.System, handler, "a long handler password", "request-handler", ct)).Succeeded);
        var staff = await console.NewPageAsync();
        await ConsoleJourney.SignInFirstTimeAsync(staff, handler, "a long handler password");
        await staff.ClickAsync("header nav a:has-text('Requests')");
        await staff.ClickAsync($"a:has-text('{reference}')");
        Assert.Equal("cease the provision to the Third Party", await staff.InnerTextAsync("dl.request-facts dd >> nth=0"));
        if (await staff.Locator("table.suggestions").CountAsync() > 0)
        {
            await staff.ClickAsync("table.suggestions button:has-text('Link this person')");
        }

        Assert.Contains("linked", await staff.InnerTextAsync("a.person-link"), StringComparison.Ordinal);
        Assert.Equal(0, await staff.Locator("button:has-text('Verify identity and dispose')").CountAsync());
        await staff.CheckAsync("input[name=method][value=reply-from-email-held]");
        await staff.ClickAsync("button:has-text('Verify identity by this method')");
        Assert.Equal("a reply from the e-mail address held", await staff.InnerTextAsync("#verified-by"));
        await staff.ClickAsync("button:has-text('Start work')");
        await staff.ClickAsync("button:has-text('Fulfil the request')");
        Assert.Equal("fulfilled", await staff.GetAttributeAsync("dd[data-state]", "data-state"));
        var mailed = await staff.RunAndWaitForDownloadAsync(() => staff.ClickAsync("a.letter"));
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString((await File.ReadAllBytesAsync(await mailed.PathAsync(), ct))[..5]));

        // The person follows the request and gets the answer.
        await person.GotoAsync("privacy/requests/status?lang=en");
        await person.FillAsync("#reference", reference);
        await person.FillAsync("#secret", secret);
        await person.ClickAsync("button:has-text('Show my request')");
        Assert.Equal("fulfilled", await person.GetAttributeAsync("dd[data-state]", "data-state"));
        var download = await person.RunAndWaitForDownloadAsync(() => person.ClickAsync("#letter"));
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString((await File.ReadAllBytesAsync(await download.PathAsync(), ct))[..5]));
    }

    [Fact]
    public async Task Staff_suspend_one_purpose_on_the_persons_page_the_gate_refuses_only_it_and_lifting_allows_it_again()
    {
        var ct = TestContext.Current.CancellationToken;
        var registered = await Service<PersonVault>().RegisterAsync(Actor.System, new Registration("service-application", new Dictionary<string, string?>
        {
            ["name"] = "Lucía Torres",
            ["email"] = $"lucia.{Guid.NewGuid():N}@example.com",
            ["telephone"] = "+52 442 555 0101",
            ["date-of-birth"] = "1990-05-02",
            ["career"] = "Accountant",
        }), ct);
        Assert.True(registered.Succeeded, registered.Failure?.Detail);
        var personId = registered.Value;
        var handler = "suspend." + Guid.NewGuid().ToString("N")[..8];
        Assert.True((await Service<StaffAccounts>().CreateAsync(Actor.System, handler, "a long handler password", "request-handler", ct)).Succeeded);
        var staff = await console.NewPageAsync();
        await ConsoleJourney.SignInFirstTimeAsync(staff, handler, "a long handler password");
        var reader = new Actor(ActorKind.Staff, Guid.NewGuid(), "recruiter");

        await staff.GotoAsync($"console/persons/{personId}");
        await staff.CheckAsync("section.use-suspension input[value='service.apply']");
        await staff.ClickAsync("button:has-text('Suspend use')");
        Assert.Contains("Use is suspended for:", await staff.InnerTextAsync("#use-suspension-state"), StringComparison.Ordinal);
        Assert.Equal("person.purpose-suspended", (await Service<PersonGate>().ReadAsync(reader, personId, "service.apply", ct)).Failure?.Code);
        Assert.True((await Service<PersonGate>().ReadAsync(reader, personId, "service.answer-inquiries", ct)).Succeeded);

        await staff.ClickAsync("button:has-text('Lift the suspension')");
        Assert.Equal("Use is not suspended.", (await staff.InnerTextAsync("#use-suspension-state")).Trim());
        Assert.True((await Service<PersonGate>().ReadAsync(reader, personId, "service.apply", ct)).Succeeded);
    }
}
