using Custodian.Gate;
using Custodian.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Browser.Tests.Retention;

public sealed class RetentionJourneyTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    private const string Password = "a long account password";

    private async Task<string> NewAccountAsync(string role)
    {
        var name = role + "." + Guid.NewGuid().ToString("N")[..8];
        var accounts = console.Server.Services.GetRequiredService<StaffAccounts>();
        Assert.True((await accounts.CreateAsync(Actor.System, name, Password, role, TestContext.Current.CancellationToken)).Succeeded);
        return name;
    }

    [Fact]
    public async Task A_privacy_officer_reads_the_schedule_with_its_basis_and_runs_a_dry_run_that_disposes_of_nothing()
    {
        var page = await console.NewPageAsync();
        await ConsoleJourney.EnrolAsync(page, await NewAccountAsync("privacy-officer"), Password);

        await page.GotoAsync("console/retention");
        Assert.Equal("Retention schedule", await page.InnerTextAsync("h1"));
        var persons = page.Locator("table.retention-schedule tr[data-kind='persons']").First;
        Assert.Contains("policy", await persons.InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("table.retention-schedule tr[data-kind='audit-events']").CountAsync() > 0);

        var recordsBefore = await page.Locator("table.retention-records tbody tr").CountAsync();
        await page.ClickAsync("button:has-text('Run disposal now')");
        var status = page.Locator("p[role=status]");
        await status.WaitForAsync();
        Assert.Equal("dry", await status.GetAttributeAsync("data-run"));
        Assert.StartsWith("Dry run: would dispose of", await status.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(recordsBefore, await page.Locator("table.retention-records tbody tr").CountAsync());
    }

    [Fact]
    public async Task A_recruiter_is_not_shown_the_retention_schedule()
    {
        var page = await console.NewPageAsync();
        await ConsoleJourney.EnrolAsync(page, await NewAccountAsync("recruiter"), Password);

        await page.GotoAsync("console/retention");
        Assert.Equal(0, await page.Locator("table.retention-schedule").CountAsync());
        Assert.DoesNotContain("/console/retention", page.Url, StringComparison.Ordinal);
    }
}
