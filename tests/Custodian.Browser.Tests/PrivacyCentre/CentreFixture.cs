using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;

namespace Custodian.Browser.Tests.PrivacyCentre;

/// <summary>The server with one configured operator site, and a browser whose pages of that site are served by the test.</summary>
public sealed class CentreFixture : IAsyncLifetime
{
    public const string Site = "http://site.localhost";
    private IPlaywright? _playwright;

    public SiteServer Server { get; } = new();
    public IBrowser Browser { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        Server.Start();
        _playwright = await Playwright.CreateAsync();
        // The operator's page is served by the test, so Chromium cannot know it is local too; its local-network
        // prompt would stop the page reaching the loopback server, which a real deployment never faces.
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-features=LocalNetworkAccessChecks",
            ],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Server.DisposeAsync();
    }

    public sealed class SiteServer : CustodianServer
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("PrivacyCentre:SiteOrigins:0", Site);
        }
    }
}
