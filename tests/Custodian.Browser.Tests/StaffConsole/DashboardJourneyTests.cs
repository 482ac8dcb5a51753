using Custodian.Browser.Tests.PrivacyCentre;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Requests;
using Custodian.Staff;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Browser.Tests.StaffConsole;

/// <summary>On a server of its own: the figures count exactly the requests this journey made.</summary>
public sealed class DashboardJourneyTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    private T Service<T>() where T : notnull => console.Server.Services.GetRequiredService<T>();

    [Fact]
    public async Task A_privacy_officer_sees_the_overdue_requests_on_the_home_page_and_opens_them_from_the_figure()
    {
        var ct = TestContext.Current.CancellationToken;
        var policy = Service<PolicyStore>().Default;
        var today = Service<RequestRecords>().Today(policy);
        // Due dates over the horizon: two overdue, the rest spread over the next weeks.
        int[] dueIn = [-6, -1, 0, 1, 2, 3, 3, 5, 6, 8, 9, 12, 14, 21, 30];
        await using (var db = await Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(ct))
        {
            var now = Service<TimeProvider>().GetUtcNow().UtcDateTime;
            foreach (var (days, i) in dueIn.Select((d, i) => (d, i)))
            {
                db.Add(new DataRequest
                {
                    Id = Guid.CreateVersion7(), Reference = $"R-D{i:D5}", SecretHash = [1], PolicyId = policy.Id, PolicyVersion = policy.Version,
                    Type = i % 3 == 0 ? "correction" : "disclosure", PersonId = Guid.NewGuid(), Channel = "api", Language = "en",
                    State = RequestState.InProgress, ReceivedAt = now.AddDays(-20), UpdatedAt = now, ClockStartedAt = now.AddDays(-10),
                    DueOn = today.AddDays(days), KeyId = "k", WrappedKey = [1],
                });
            }

            await db.SaveChangesAsync(ct);
        }

        var officer = "officer." + Guid.NewGuid().ToString("N")[..8];
        Assert.True((await Service<StaffAccounts>().CreateAsync(Actor.System, officer, "a long officer password", "privacy-officer", ct)).Succeeded);
        var page = await console.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 900);
        await ConsoleJourney.SignInFirstTimeAsync(page, officer, "a long officer password");
        await page.GotoAsync("console");

        Assert.Equal($"Signed in as {officer}.", await page.InnerTextAsync("main p.muted"));
        Assert.Equal(dueIn.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.InnerTextAsync("a[data-figure='open']"));
        Assert.Equal("2", await page.InnerTextAsync("a[data-figure='overdue']"));
        Assert.Equal(13, await page.Locator("figure.horizon rect.bar").CountAsync());
        await Screenshots.SaveAsync(page, "console-dashboard.png");

        await page.ClickAsync("a[data-figure='overdue']");
        await ConsoleJourney.WaitForPathAsync(page, "/console/requests");
        var overdue = page.Locator("table.requests", new() { HasText = "Overdue" }).Locator("tbody tr");
        Assert.Equal(2, await overdue.CountAsync());
        Assert.Contains("R-D00000", string.Join('\n', await overdue.AllInnerTextsAsync()), StringComparison.Ordinal);
    }
}
