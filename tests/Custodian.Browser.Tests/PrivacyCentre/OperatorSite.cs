using Microsoft.Playwright;

namespace Custodian.Browser.Tests.PrivacyCentre;

/// <summary>
/// An operator's page, served by the test at another origin, that embeds /consent.js under a strict CSP
/// (no inline script or style) and marks a statistics script, an advertising script and an advertising pixel.
/// </summary>
internal sealed class OperatorSite
{
    public int PixelRequests { get; private set; }

    public List<string> CspViolations { get; } = [];

    /// <summary>Everything the page logged, to show when a journey fails.</summary>
    public List<string> Messages { get; } = [];

    public static async Task<(IPage Page, OperatorSite Site)> OpenAsync(IBrowser browser, Uri custodian, bool gpc = false)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = CentreFixture.Site });
        if (gpc)
        {
            await context.AddInitScriptAsync("Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });");
        }

        var site = new OperatorSite();
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            site.Messages.Add(message.Text);
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                site.CspViolations.Add(message.Text);
            }
        };
        await context.RouteAsync($"{CentreFixture.Site}/**", route => site.Serve(route, custodian));
        return (page, site);
    }

    private Task Serve(IRoute route, Uri custodian)
    {
        var origin = custodian.GetLeftPart(UriPartial.Authority);
        var path = new Uri(route.Request.Url).AbsolutePath;
        switch (path)
        {
            case "/stats.js":
                return route.FulfillAsync(new() { ContentType = "text/javascript", Body = "window.statsRan = (window.statsRan || 0) + 1; document.cookie = '_stats_id=1; path=/';" });
            case "/ads.js":
                return route.FulfillAsync(new() { ContentType = "text/javascript", Body = "window.adsRan = true; document.cookie = 'ad_id=1; path=/';" });
            case "/pixel.gif":
                PixelRequests++;
                return route.FulfillAsync(new() { ContentType = "image/gif", BodyBytes = Convert.FromBase64String("R0lGODlhAQABAAAAACw=") });
            default:
                var csp = $"default-src 'self'; script-src 'self' {origin}; style-src 'self' {origin}; connect-src {origin}; img-src 'self'";
                return route.FulfillAsync(new()
                {
                    ContentType = "text/html; charset=utf-8",
                    Headers = new Dictionary<string, string> { ["Content-Security-Policy"] = csp },
                    Body = $"""
                        <!DOCTYPE html>
                        <html lang="en"><head><meta charset="utf-8"><title>Operator site</title>
                        <script src="{origin}/consent.js" data-cookies="statistics:_stats*;advertising:ad_id" defer></script>
                        </head><body>
                        <h1>Find your next job</h1>
                        <button type="button" data-custodian-consent-open>Cookie settings</button>
                        <script type="text/plain" data-category="statistics" src="/stats.js"></script>
                        <script type="text/plain" data-category="advertising" src="/ads.js"></script>
                        <img data-category="advertising" data-src="/pixel.gif" alt="">
                        </body></html>
                        """,
                });
        }
    }
}
