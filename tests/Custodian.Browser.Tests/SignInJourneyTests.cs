using System.Net;
using Custodian.Staff;
using Microsoft.Playwright;

namespace Custodian.Browser.Tests;

public sealed class SignInJourneyTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task The_first_administrator_signs_in_enrols_a_second_factor_reaches_the_console_and_signs_out()
    {
        var page = await console.NewPageAsync();

        await page.GotoAsync("console");
        Assert.EndsWith("/console/sign-in?ReturnUrl=%2Fconsole", page.Url, StringComparison.Ordinal);

        await ConsoleJourney.SignInFirstTimeAsync(page, StaffAccounts.AdministratorName, CustodianServer.AdminPassword);

        Assert.Equal("Today", await page.InnerTextAsync("h1"));
        Assert.Contains($"Signed in as {StaffAccounts.AdministratorName}.", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.True(await page.IsVisibleAsync("header nav a:has-text('Persons')"));
        var session = (await page.Context.CookiesAsync()).Single(c => c.Name == "custodian.session");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "custodian.sign-in");

        await page.ClickAsync("header button:has-text('Sign out')");
        await ConsoleJourney.WaitForPathAsync(page, "/console/sign-in");
        await page.GotoAsync("console");
        Assert.Contains("/console/sign-in", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_gets_the_one_generic_message_and_no_second_step()
    {
        var page = await console.NewPageAsync();

        await ConsoleJourney.SubmitPasswordAsync(page, StaffAccounts.AdministratorName, "not the admin password");

        Assert.Equal(StaffSignIn.Refused.Detail, await page.InnerTextAsync("p.error"));
        Assert.Equal("", await page.InputValueAsync("#password"));
        await page.GotoAsync("console/sign-in/code");
        Assert.EndsWith("/console/sign-in", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_token_does_not_open_the_console()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = console.Server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "console");
        request.Headers.Authorization = new("Bearer", "cst_not-a-console-session");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/console/sign-in", response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task Sign_out_without_the_antiforgery_token_is_refused()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = console.Server.BaseAddress };

        using var response = await client.PostAsync("console/sign-out", new FormUrlEncodedContent([]), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }
}
