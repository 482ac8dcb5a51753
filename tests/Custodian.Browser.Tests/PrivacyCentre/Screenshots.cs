using Microsoft.Playwright;

namespace Custodian.Browser.Tests.PrivacyCentre;

/// <summary>
/// Saves the pictures docs/privacy-centre.md shows, from the journeys that prove what they show, when
/// <c>CUSTODIAN_SCREENSHOTS</c> names a folder (e.g. <c>docs/images</c>): a test run leaves the work tree as it was.
/// </summary>
internal static class Screenshots
{
    public static async Task SaveAsync(IPage page, string name, bool fullPage = false)
    {
        if (Environment.GetEnvironmentVariable("CUSTODIAN_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetFullPath(folder), name), FullPage = fullPage });
        }
    }
}
