using Custodian.Gate;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Server.Tests.Staff;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.Anonymization;

/// <summary>Releases and statistics read under the Mexico policy's catch-all purpose (1g): the console asks why, and uses it.</summary>
public sealed class CatchAllApp : CustodianApp
{
    public override string Provider => "sqlite";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Anonymization:Purpose", "service.incidental");
    }
}

public sealed class CatchAllConsoleTests(CatchAllApp app) : IClassFixture<CatchAllApp>
{
    private const string Reason = "Quarterly report on the nursing placements";
    private static int _peers;

    private static string Peer() => $"198.22.0.{Interlocked.Increment(ref _peers)}";

    private async Task SeedAsync()
    {
        var batch = Enumerable.Range(0, 12).Select(i => new Registration("service-application", Candidates.Items($"catch-all-{Guid.NewGuid():N}@example.com"))).ToList();
        Assert.True((await app.Service<PersonVault>().RegisterManyAsync(Actor.System, batch)).Succeeded);
    }

    private async Task<int> ReasonsOfAsync(Guid staff)
    {
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        return await db.Set<UseReason>().CountAsync(r => r.Actor == "staff:" + staff);
    }

    [Fact]
    public async Task The_statistics_page_asks_for_the_reason_and_counts_once_it_is_given()
    {
        await SeedAsync();
        var (officer, id) = await SafetyHost.SignInAsync(app, "privacy-officer", Peer());
        const string Page = "/console/statistics?by=sex&lang=en";

        var asked = await officer.GetStringAsync(Page);
        var counted = await (await officer.PostAsync(Page, await SafetyHost.FormAsync(officer, Page, "statistics-reason", ("by", "sex"), ("Reason", Reason)))).Content.ReadAsStringAsync();

        Assert.Contains("data-code=\"purpose.reason-required\"", asked, StringComparison.Ordinal);
        Assert.Contains("name=\"Reason\"", asked, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg class=\"chart\"", asked, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"chart\"", counted, StringComparison.Ordinal);
        Assert.True(await ReasonsOfAsync(id) >= 12);
    }

    [Fact]
    public async Task The_release_page_takes_the_reason_with_the_preview_and_publishes_with_it()
    {
        await SeedAsync();
        var (officer, id) = await SafetyHost.SignInAsync(app, "privacy-officer", Peer());
        const string Page = "/console/anonymization?lang=en";

        var refused = await (await officer.PostAsync(Page, await SafetyHost.FormAsync(officer, Page, "release-preview", ("Input.K", "2"), ("Input.Suppression", "0.5")))).Content.ReadAsStringAsync();
        var preview = await (await officer.PostAsync(Page, await SafetyHost.FormAsync(officer, Page, "release-preview",
            ("Input.K", "2"), ("Input.Suppression", "0.5"), ("Input.Reason", Reason)))).Content.ReadAsStringAsync();
        var previewed = await ReasonsOfAsync(id);
        var published = await (await officer.PostAsync(Page, await SafetyHost.FormAsync(officer, Page, "release-create",
            ("k", "2"), ("suppression", "0.5"), ("reason", Reason), ("confirmed", "true"), ("useless", "true")))).Content.ReadAsStringAsync();

        Assert.Contains("id=\"reason-error\" data-code=\"purpose.reason-required\"", refused, StringComparison.Ordinal);
        Assert.Contains("id=\"preview-rows\"", preview, StringComparison.Ordinal);
        Assert.Contains($"name=\"reason\" value=\"{Reason}\"", preview, StringComparison.Ordinal);
        Assert.Contains("The release is published", published, StringComparison.Ordinal);
        Assert.True(previewed >= 12);
        // Publishing reads everyone again (its preview first), each use with its reason.
        Assert.True(await ReasonsOfAsync(id) >= previewed + 24);
    }
}
