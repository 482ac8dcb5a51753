using System.Net;
using System.Text.RegularExpressions;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Server.Tests.Staff;

namespace Custodian.Server.Tests.Requests;

/// <summary>On a clock the test moves, so a status session can go idle.</summary>
public sealed partial class StatusPageIdleTests(ClockedSqliteApp app) : IClassFixture<ClockedSqliteApp>
{
    private const string Secret = "Show my request";

    private async Task<HttpClient> OpenStatusAsync()
    {
        var client = app.CreateClient();
        var submitted = await client.PostAsync("/privacy/requests/new?lang=en", await SafetyHost.FormAsync(client, "/privacy/requests/new?lang=en", "privacy-request",
            ("Input.Type", "disclosure"), ("Input.Requester", "person"), ("Input.Language", "en"), ("Input.PersonName", "Ana Ruiz"),
            ("Input.Email", $"idle-{Guid.NewGuid():N}@example.com"), ("Input.MailingAddress", "Calle 1, Ciudad de México")));
        var receipt = await submitted.Content.ReadAsStringAsync();
        var reference = ReferenceField().Match(receipt) is { Success: true } r ? r.Groups[1].Value : throw new InvalidOperationException(receipt);
        var secret = SecretField().Match(receipt).Groups[1].Value;
        var opened = await client.PostAsync("/privacy/requests/status?lang=en", await SafetyHost.FormAsync(client, "/privacy/requests/status?lang=en", "request-status",
            ("Input.Reference", reference), ("Input.Secret", secret)));
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains("data-state=", await opened.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        return client;
    }

    [Fact]
    public async Task The_status_page_stays_open_while_the_person_is_active()
    {
        var client = await OpenStatusAsync();

        app.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Contains("data-state=", await client.GetStringAsync("/privacy/requests/status?lang=en"), StringComparison.Ordinal);
        app.Clock.Advance(TimeSpan.FromMinutes(14));

        Assert.Contains("data-state=", await client.GetStringAsync("/privacy/requests/status?lang=en"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_15_idle_minutes_the_status_page_asks_for_the_secret_again_and_shows_nothing()
    {
        var client = await OpenStatusAsync();

        app.Clock.Advance(TimeSpan.FromMinutes(16));
        var page = await client.GetStringAsync("/privacy/requests/status?lang=en");

        Assert.DoesNotContain("data-state=", page, StringComparison.Ordinal);
        Assert.Contains("we ask for your secret again", page, StringComparison.Ordinal);
        Assert.Contains(Secret, page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-state=", await client.GetStringAsync("/privacy/requests/status?lang=en"), StringComparison.Ordinal);
    }

    [GeneratedRegex("id=\"reference\">([^<]+)<")]
    private static partial Regex ReferenceField();

    [GeneratedRegex("id=\"secret\">([^<]+)<")]
    private static partial Regex SecretField();
}
