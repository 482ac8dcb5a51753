using Custodian.Gate;
using Custodian.Server.StaffConsole;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Server.Tests.Staff;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.StaffConsole;

/// <summary>The home page's retention figure is counted at most once per ten minutes of the server's clock.</summary>
public sealed class RetentionFigureTests(ClockedSqliteApp app) : IClassFixture<ClockedSqliteApp>
{
    [Fact]
    public async Task The_figure_is_shared_for_ten_minutes_and_then_counted_afresh()
    {
        var ct = TestContext.Current.CancellationToken;
        var figure = app.Service<RetentionFigure>();
        var person = (await app.Service<PersonVault>().RegisterAsync(Actor.System, new Registration("service-application", Candidates.Items($"ret.{Guid.NewGuid():N}@example.com")), ct)).Value;
        var before = await figure.DueAsync(ct);

        // The person's service ended four years ago (the policy keeps persons three years).
        await using (var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(ct))
        {
            var old = app.Clock.GetUtcNow().UtcDateTime.AddYears(-4);
            await db.Set<Person>().Where(p => p.Id == person).ExecuteUpdateAsync(p => p.SetProperty(x => x.RegisteredAt, old).SetProperty(x => x.UpdatedAt, old), ct);
        }

        var within = await figure.DueAsync(ct);
        app.Clock.Advance(TimeSpan.FromMinutes(9));
        var stillWithin = await figure.DueAsync(ct);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var after = await figure.DueAsync(ct);

        Assert.Equal(before, within);
        Assert.Equal(before, stillWithin);
        Assert.Equal(before.DueNow + 1, after.DueNow);
    }
}
