using System.Text.RegularExpressions;
using Custodian.Gate;
using Custodian.Incidents;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Server.Tests.Staff;

namespace Custodian.Server.Tests.StaffConsole;

/// <summary>The home page's incident sections: open incidents by status, and every open report deadline with the overdue ones marked.</summary>
public abstract class IncidentSectionsTests(CustodianApp app)
{
    private static int _peers;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Peer() => $"198.18.200.{Interlocked.Increment(ref _peers)}";

    private async Task<IncidentView> RegisterAsync(Guid officer, int daysAgo, string cause, int? persons)
    {
        var register = app.Service<IncidentRegister>();
        var registered = await register.RegisterAsync(new Actor(ActorKind.Staff, officer, "privacy-officer"), new IncidentInput(
            LearnedAt: app.Service<TimeProvider>().GetUtcNow().AddDays(-daysAgo).AddHours(-1), LearnedBy: officer, Summary: "A list was sent to the wrong address",
            Cause: cause, AffectedCount: persons), cancellationToken: Ct);
        Assert.True(registered.Succeeded, registered.Failure?.Detail);
        return registered.Value!;
    }

    [Fact]
    public async Task The_home_page_counts_open_incidents_by_status_and_lists_every_open_deadline_marking_the_overdue_ones()
    {
        var officer = await SafetyHost.SignInNewAsync(app, "privacy-officer", Peer());
        var (reader, _) = await SafetyHost.SignInAsync(app, "information-manager", Peer());
        var (recruiter, _) = await SafetyHost.SignInAsync(app, "recruiter", Peer());
        var actor = new Actor(ActorKind.Staff, officer.Id, "privacy-officer");
        var register = app.Service<IncidentRegister>();
        var late = await RegisterAsync(officer.Id, 40, "error", 2000);
        var fresh = await RegisterAsync(officer.Id, 0, "web-skimming", null);
        var closed = await RegisterAsync(officer.Id, 2, "error", 3);
        Assert.True((await register.SetStatusAsync(actor, fresh.Incident.Id, "confirmed", Ct)).Succeeded);
        Assert.True((await register.SetStatusAsync(actor, closed.Incident.Id, "closed", Ct)).Succeeded);

        var home = await officer.Client.GetStringAsync("/console", Ct);
        var readersHome = await reader.GetStringAsync("/console", Ct);
        var recruitersHome = await recruiter.GetStringAsync("/console", Ct);

        Assert.Matches("href=\"console/incidents\" data-figure=\"incidents-open\"><strong>2</strong>", home);
        Assert.Contains("data-figure=\"incidents-suspected\">1<", home, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"incidents-confirmed\">1<", home, StringComparison.Ordinal);
        var deadlines = Regex.Matches(home, "<li data-report=\"(\\w+)\" data-overdue=\"(yes|no)\"[^>]*>\\s*<a href=\"console/incidents/([0-9a-f-]+)\">")
            .Select(m => (m.Groups[3].Value, m.Groups[1].Value, m.Groups[2].Value)).ToList();
        Assert.Equal(
            new[] { (late.Incident.Id.ToString(), "preliminary", "yes"), (late.Incident.Id.ToString(), "final", "yes"), (fresh.Incident.Id.ToString(), "preliminary", "no"), (fresh.Incident.Id.ToString(), "final", "no") }.Order(),
            deadlines.Order());
        Assert.Equal(2, Regex.Matches(home, "<strong> — overdue</strong>").Count);
        Assert.DoesNotContain(closed.Incident.Id.ToString(), home, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"incidents-open\"", readersHome, StringComparison.Ordinal);
        Assert.DoesNotContain("Reports to the PPC due", recruitersHome, StringComparison.Ordinal);
    }
}

public sealed class IncidentSectionsTests_Sqlite(SafetySqliteApp app) : IncidentSectionsTests(app), IClassFixture<SafetySqliteApp>;

public sealed class IncidentSectionsTests_Postgres(SafetyPostgresApp app) : IncidentSectionsTests(app), IClassFixture<SafetyPostgresApp>;
