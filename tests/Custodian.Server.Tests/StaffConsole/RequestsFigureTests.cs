using Custodian.Policy;
using Custodian.Requests;
using Custodian.Server.StaffConsole;
using Custodian.Server.Tests.Staff;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.StaffConsole;

/// <summary>The home page's requests figures are counted at most once per half minute of the server's clock.</summary>
public sealed class RequestsFigureTests(ClockedSqliteApp app) : IClassFixture<ClockedSqliteApp>
{
    [Fact]
    public async Task The_figures_are_shared_for_half_a_minute_and_then_counted_afresh()
    {
        var ct = TestContext.Current.CancellationToken;
        var figure = app.Service<RequestsFigure>();
        var before = await figure.FiguresAsync(ct);

        var policy = app.Service<PolicyStore>().Default;
        await using (var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(ct))
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            db.Add(new DataRequest
            {
                Id = Guid.CreateVersion7(), Reference = "R-F" + Guid.NewGuid().ToString("N")[..8], SecretHash = [1], PolicyId = policy.Id,
                PolicyVersion = policy.Version, Type = "disclosure", PersonId = Guid.NewGuid(), Channel = "api", Language = "en",
                State = RequestState.InProgress, ReceivedAt = now, UpdatedAt = now, ClockStartedAt = now,
                DueOn = app.Service<RequestRecords>().Today(policy).AddDays(-1), KeyId = "k", WrappedKey = [1],
            });
            await db.SaveChangesAsync(ct);
        }

        var within = await figure.FiguresAsync(ct);
        app.Clock.Advance(TimeSpan.FromSeconds(29));
        var stillWithin = await figure.FiguresAsync(ct);
        app.Clock.Advance(TimeSpan.FromSeconds(2));
        var after = await figure.FiguresAsync(ct);

        Assert.Same(before, within);
        Assert.Same(before, stillWithin);
        Assert.Equal(before.Open + 1, after.Open);
        Assert.Equal(before.Overdue + 1, after.Overdue);
    }
}
