using Custodian.Gate;
using Custodian.Staff;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Custodian.Browser.Tests.Staff;

public sealed class SafeManagementJourneyTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task An_administrator_sets_up_the_organisation_and_signs_off_the_departments_access_review()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = "officer." + Guid.NewGuid().ToString("N")[..8];
        var account = $"{name} (Administrator)";
        var department = "Placement " + Guid.NewGuid().ToString("N")[..4];
        Assert.True((await console.Server.Services.GetRequiredService<StaffAccounts>().CreateAsync(Actor.System, name, "a long officer password", StaffRoles.Administrator, ct)).Succeeded);
        var page = await console.NewPageAsync();
        await ConsoleJourney.SignInFirstTimeAsync(page, name, "a long officer password");

        // Organisation: the responsible manager and a department with its information manager.
        await page.ClickAsync("header nav a:has-text('Safe management')");
        await page.SelectOptionAsync("#responsible-account", new SelectOptionValue { Label = account });
        await page.ClickAsync("button:has-text('Name responsible manager')");
        Assert.Equal(name, await page.InnerTextAsync("#responsible-manager"));
        await page.FillAsync("#department-name", department);
        await page.SelectOptionAsync("#department-manager", new SelectOptionValue { Label = account });
        await page.ClickAsync("button:has-text('Create department')");
        Assert.Contains(department, await page.InnerTextAsync("table.departments"), StringComparison.Ordinal);

        // Roles: a category limit and an allow-list.
        await page.ClickAsync("nav.safe-management-nav a:has-text('Roles')");
        await page.SelectOptionAsync("#views-role", "request-handler");
        await page.SelectOptionAsync("#view-identity", "initials");
        await page.ClickAsync("button:has-text('Save view limits')");
        Assert.Contains("Identity: initials only", await page.InnerTextAsync("table.roles"), StringComparison.Ordinal);
        await page.SelectOptionAsync("#networks-role", "request-handler");
        await page.FillAsync("#networks-role-list", "198.51.100.0/24, 2001:db8::/32");
        await page.ClickAsync("button:has-text('Save role networks')");
        Assert.Contains("198.51.100.0/24", await page.InnerTextAsync("table.roles"), StringComparison.Ordinal);

        // Staff: training and pledge.
        await page.ClickAsync("nav.safe-management-nav a:has-text('Staff')");
        await page.SelectOptionAsync("#training-account", new SelectOptionValue { Label = account });
        await page.FillAsync("#training-on", "2026-04-01");
        await page.ClickAsync("button:has-text('Record training')");
        await page.SelectOptionAsync("#pledge-account", new SelectOptionValue { Label = account });
        await page.FillAsync("#pledge-on", "2026-04-01");
        await page.ClickAsync("button:has-text('Record pledge')");
        Assert.Contains("2026-04-01\t2026-04-01", await page.InnerTextAsync($"table.staff-members tr:has-text('{name}')"), StringComparison.Ordinal);

        // Access review: the department's last week, signed off by its information manager.
        var from = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(-8);
        await page.ClickAsync("nav.safe-management-nav a:has-text('Access review')");
        await page.FillAsync("#review-from", from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#review-to", from.AddDays(6).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.SelectOptionAsync("#review-department", new SelectOptionValue { Label = department });
        await page.ClickAsync("button:has-text('Review')");
        Assert.Contains("Reads per staff member", await page.InnerTextAsync("section.access-review"), StringComparison.Ordinal);
        await page.ClickAsync("button:has-text('Sign off this review')");
        Assert.Contains("Signed off by", await page.InnerTextAsync("#signed-off"), StringComparison.Ordinal);
    }
}
