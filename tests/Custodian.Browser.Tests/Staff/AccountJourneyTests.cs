using Custodian.Gate;
using Custodian.Staff;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Custodian.Browser.Tests.Staff;

public sealed class AccountJourneyTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    private const string Password = "a long account password";

    private T Service<T>() where T : notnull => console.Server.Services.GetRequiredService<T>();

    private async Task<string> NewAccountAsync(string role)
    {
        var name = role + "." + Guid.NewGuid().ToString("N")[..8];
        Assert.True((await Service<StaffAccounts>().CreateAsync(Actor.System, name, Password, role, TestContext.Current.CancellationToken)).Succeeded);
        return name;
    }

    // The sign-in spent this step's code; the next step's is within the accepted window and not a replay.
    private static string NextCode(byte[] secret) => Totp.Code(secret, Totp.StepAt(TimeProvider.System.GetUtcNow()) + 1);

    [Fact]
    public async Task A_member_of_staff_sees_their_session_makes_new_recovery_codes_and_signs_out_everywhere()
    {
        var page = await console.NewPageAsync();
        var (secret, firstCodes) = await ConsoleJourney.EnrolAsync(page, await NewAccountAsync("recruiter"), Password);
        Assert.Equal(RecoveryCodes.Count, firstCodes.Count);

        await page.ClickAsync("header nav a:has-text('Account')");
        Assert.Equal("Your account", await page.InnerTextAsync("h1"));
        Assert.Contains("this session", await page.InnerTextAsync("table.sessions"), StringComparison.Ordinal);
        Assert.Equal("10", await page.InnerTextAsync("#recovery-remaining"));
        await page.FillAsync("#recovery-code", NextCode(secret));
        await page.ClickAsync("button:has-text('Make new recovery codes')");
        var newCodes = await page.Locator("#recovery-codes li").AllInnerTextsAsync();
        Assert.Equal(RecoveryCodes.Count, newCodes.Count);
        Assert.Empty(newCodes.Intersect(firstCodes));

        await page.ClickAsync("button:has-text('Sign out everywhere')");
        await ConsoleJourney.WaitForPathAsync(page, "/console/sign-in");
        await page.GotoAsync("console/account");
        Assert.Contains("/console/sign-in", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_device_registered_on_the_account_page_is_approved_by_an_administrator_who_can_also_end_sessions_and_reset_two_step()
    {
        const string role = "information-manager";
        Assert.True((await Service<SafeManagement>().SetRoleDevicesAsync(Actor.System, role, true, TestContext.Current.CancellationToken)).Succeeded);
        var staff = await console.NewPageAsync();
        var staffName = await NewAccountAsync(role);
        var (secret, _) = await ConsoleJourney.EnrolAsync(staff, staffName, Password);

        await staff.GotoAsync("console/persons");
        Assert.EndsWith("/console/account", staff.Url, StringComparison.Ordinal);
        Assert.True(await staff.IsVisibleAsync("#device-required"));
        await staff.FillAsync("#device-name", "Office laptop");
        await staff.FillAsync("#device-code", NextCode(secret));
        await staff.ClickAsync("button:has-text('Register this device')");
        Assert.Contains("waiting for approval", await staff.InnerTextAsync("table.devices"), StringComparison.Ordinal);
        var device = (await staff.Context.CookiesAsync()).Single(c => c.Name == "custodian.device");
        Assert.True(device.HttpOnly);

        var admin = await console.NewPageAsync();
        await ConsoleJourney.EnrolAsync(admin, await NewAccountAsync(StaffRoles.Administrator), Password);
        await admin.GotoAsync("console/staff/devices");
        await admin.ClickAsync("table.devices a");
        await admin.ClickAsync("button:has-text('Approve')");
        Assert.Equal("The device is approved.", await admin.InnerTextAsync("p.done"));

        await staff.GotoAsync("console/persons");
        Assert.EndsWith("/console/persons", staff.Url, StringComparison.Ordinal);

        Assert.Equal(1, await admin.Locator("table.sessions tbody tr").CountAsync());
        await admin.ClickAsync("button:has-text('Sign this account out everywhere')");
        Assert.Equal("Every session of this account has ended.", await admin.InnerTextAsync("p.done"));
        await staff.GotoAsync("console/persons");
        Assert.Contains("/console/sign-in", staff.Url, StringComparison.Ordinal);

        await admin.ClickAsync("button:has-text('Reset two-step verification')");
        Assert.StartsWith("Two-step verification is reset", await admin.InnerTextAsync("p.done"), StringComparison.Ordinal);
        await ConsoleJourney.SubmitPasswordAsync(staff, staffName, Password);
        await ConsoleJourney.WaitForPathAsync(staff, "/console/sign-in/code");
        await staff.Locator("#totp-secret").WaitForAsync();
    }
}
