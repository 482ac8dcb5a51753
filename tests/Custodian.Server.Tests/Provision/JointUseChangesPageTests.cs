using System.Net;
using Custodian.Provision;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.Provision;

/// <summary>Advance notices of joint-use changes are published on the privacy centre once announced, in ja, en and es.</summary>
public abstract class JointUseChangesPageTests(CustodianApp app)
{
    [Theory]
    [InlineData("en", "Takes effect on", "In effect since", "Changes to the joint use of Personal Data")]
    [InlineData("es", "Surte efecto el", "En vigor desde el", "Cambios en el uso compartido de Datos Personales")]
    [InlineData("ja", "変更日", "変更済み（変更日）", "個人データの共同利用に関する変更のお知らせ")]
    public async Task Announced_changes_are_shown_coming_or_in_effect_and_unannounced_ones_are_not(string language, string coming, string inEffect, string title)
    {
        var now = app.Service<TimeProvider>().GetUtcNow().UtcDateTime;
        var tag = Guid.NewGuid().ToString("N")[..8];
        await using (var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync())
        {
            db.AddRange(
                Notice($"Asian HR Association joins {tag}", now.AddDays(-10), now.AddDays(-1).Date),
                Notice($"Career items added {tag}", now.AddHours(-1), now.AddDays(30).Date),
                Notice($"Not yet announced {tag}", now.AddDays(1), now.AddDays(40).Date));
            await db.SaveChangesAsync();
        }

        var response = await app.CreateClient().GetAsync($"/privacy/joint-use/changes?policy=leverages-career-mexico&lang={language}");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(title, html, StringComparison.Ordinal);
        Assert.Contains($"{inEffect} {now.AddDays(-1):yyyy-MM-dd}", html, StringComparison.Ordinal);
        Assert.Contains($"{coming} {now.AddDays(30):yyyy-MM-dd}", html, StringComparison.Ordinal);
        Assert.Contains($"Asian HR Association joins {tag}", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"Not yet announced {tag}", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_policy_without_joint_use_or_not_loaded_is_not_found()
    {
        var response = await app.CreateClient().GetAsync("/privacy/joint-use/changes?policy=nope");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static JointUseNotice Notice(string change, DateTime noticeAt, DateTime effectiveAt) => new()
    {
        Id = Guid.CreateVersion7(), PolicyId = "leverages-career-mexico", Change = change, NoticeAt = noticeAt,
        EffectiveAt = DateTime.SpecifyKind(effectiveAt, DateTimeKind.Utc), RecordedBy = "system",
    };
}

public sealed class JointUseChangesPageTests_Sqlite(SqliteApp app) : JointUseChangesPageTests(app), IClassFixture<SqliteApp>;

public sealed class JointUseChangesPageTests_Postgres(PostgresApp app) : JointUseChangesPageTests(app), IClassFixture<PostgresApp>;
