using Microsoft.Playwright;

namespace Custodian.Browser.Tests.PrivacyCentre;

/// <summary>Saves the pictures docs/privacy-centre.md shows, from the journeys that prove what they show.</summary>
internal static class Screenshots
{
    public static async Task SaveAsync(IPage page, string name)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Custodian.slnx")))
        {
            root = root.Parent;
        }

        if (root is not null)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(root.FullName, "docs", "images", name) });
        }
    }
}
