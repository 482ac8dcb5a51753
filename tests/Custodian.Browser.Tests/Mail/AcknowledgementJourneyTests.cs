using Custodian.Server.Tests.Mail;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;

namespace Custodian.Browser.Tests.Mail;

/// <summary>The server with mail configured towards the test's SMTP server, its background sender running.</summary>
public sealed class MailServer : CustodianServer
{
    public TestSmtpServer Smtp { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Mail:Host", "127.0.0.1");
        builder.UseSetting("Mail:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Mail:Security", "None");
        builder.UseSetting("Mail:From", "Privacy Office <privacy@custodian.test>");
        builder.UseSetting("Mail:PollSeconds", "1");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

public sealed class AcknowledgementJourneyTests : IAsyncLifetime
{
    private readonly MailServer _server = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async ValueTask InitializeAsync()
    {
        _server.Start();
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    [Fact]
    public async Task A_request_sent_from_the_privacy_centre_is_acknowledged_by_email_with_its_reference_in_the_requesters_language()
    {
        var email = $"lucia.{Guid.NewGuid():N}@example.com";
        var context = await _browser!.NewContextAsync(new() { BaseURL = _server.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("privacy/requests/new?lang=es");
        await page.SelectOptionAsync("#type", "disclosure");
        await page.SelectOptionAsync("#requester", "person");
        await page.SelectOptionAsync("#language", "es");
        await page.FillAsync("#personName", "Lucía Hernández");
        await page.FillAsync("#email", email);
        await page.FillAsync("#mailingAddress", "Calle Madero 5, Monterrey");
        // The request form's own button, not the service choice's above it.
        await page.ClickAsync("form[method=post] button[type=submit]");
        var reference = await page.InnerTextAsync("#reference");
        var secret = await page.InnerTextAsync("#secret");

        // The sender runs every second in the background; the test waits for the message, at most half a minute.
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (_server.Smtp.To(email).Count == 0 && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        var message = Assert.Single(_server.Smtp.To(email));
        Assert.Contains("Hemos recibido su solicitud", message.Subject, StringComparison.Ordinal);
        Assert.Contains(reference, message.Subject, StringComparison.Ordinal);
        Assert.Contains(reference, message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, message.TextBody, StringComparison.Ordinal);
        await context.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _server.DisposeAsync();
    }
}
