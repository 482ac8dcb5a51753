using System.Text.RegularExpressions;
using Custodian.Staff;
using Microsoft.Playwright;

namespace Custodian.Browser.Tests;

/// <summary>What a member of staff does in the console, step by step, for journeys to build on.</summary>
internal static class ConsoleJourney
{
    public static async Task SubmitPasswordAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("console/sign-in");
        await page.FillAsync("#user-name", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button:has-text('Continue')");
    }

    /// <summary>
    /// The first sign-in of an account: password, then the mandatory enrolment, reading the key the page shows
    /// for manual entry, then the recovery codes shown once. Returns the TOTP secret, for later sign-ins of the same account.
    /// </summary>
    public static async Task<byte[]> SignInFirstTimeAsync(IPage page, string userName, string password) =>
        (await EnrolAsync(page, userName, password)).Secret;

    /// <summary>As <see cref="SignInFirstTimeAsync"/>, with the recovery codes the page showed.</summary>
    public static async Task<(byte[] Secret, IReadOnlyList<string> RecoveryCodes)> EnrolAsync(IPage page, string userName, string password)
    {
        await SubmitPasswordAsync(page, userName, password);
        await WaitForPathAsync(page, "/console/sign-in/code");
        Assert.StartsWith("data:image/png;base64,", await page.GetAttributeAsync("img.qr", "src"), StringComparison.Ordinal);
        var secret = Base32.Decode(await page.InnerTextAsync("#totp-secret"))
            ?? throw new InvalidOperationException("The enrolment page shows no Base32 key.");
        await SubmitCodeAsync(page, secret);
        // The codes are on the page the code's POST answers with: wait for it, not read the enrolment page still shown.
        await page.Locator("#recovery-codes li").First.WaitForAsync();
        var codes = await page.Locator("#recovery-codes li").AllInnerTextsAsync();
        await page.ClickAsync("a:has-text('Continue')");
        // The console, or the account page when the role wants a registered device first.
        await WaitForUrlAsync(page, new Regex("^(?!.*/sign-in)"), "off the sign-in pages");
        return (secret, codes);
    }

    /// <summary>Signs in an enrolled account. Codes are single use: wait for the next 30-second step between sign-ins.</summary>
    public static async Task SignInAsync(IPage page, string userName, string password, byte[] secret)
    {
        await SubmitPasswordAsync(page, userName, password);
        await WaitForPathAsync(page, "/console/sign-in/code");
        await SubmitCodeAsync(page, secret);
        await WaitForPathAsync(page, "/console");
    }

    /// <summary>Waits until the browser's address has the path <paramref name="path"/> (any query).</summary>
    public static Task WaitForPathAsync(IPage page, string path) =>
        WaitForUrlAsync(page, new Regex("^[a-z]+://[^/]+" + Regex.Escape(path) + "([?#].*)?$"), "at " + path);

    /// <summary>
    /// Waits for the address; on a timeout the failure names where the browser is and what the page says.
    /// The address is polled (a web-first assertion) and no load event is awaited: the steps after it wait for the
    /// elements they use. <c>WaitForURLAsync</c> waited for the load event of a page already shown, and timed out
    /// in fresh-clone CI twice with the browser on the right page and the network idle.
    /// </summary>
    public static async Task WaitForUrlAsync(IPage page, Regex url, string where)
    {
        try
        {
            await Assertions.Expect(page).ToHaveURLAsync(url, new() { Timeout = 30_000 });
        }
        catch (PlaywrightException ex)
        {
            throw new TimeoutException($"Expected to be {where}, still at {page.Url} (\"{await HeadingAsync(page)}\").", ex);
        }
    }

    private static async Task<string> HeadingAsync(IPage page)
    {
        try
        {
            return await page.Locator("h1").First.InnerTextAsync(new() { Timeout = 2000 });
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            return "no heading";
        }
    }

    public static async Task SubmitCodeAsync(IPage page, byte[] secret)
    {
        await page.FillAsync("#code", Totp.Code(secret, Totp.StepAt(TimeProvider.System.GetUtcNow())));
        await page.ClickAsync("button:has-text('Sign in')");
    }
}
