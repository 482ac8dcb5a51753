using System.Net;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Server.Tests.Staff;

namespace Custodian.Server.Tests.Incidents;

/// <summary>The incident pages: registering from the list lands on the incident's page, with names rather than ids.</summary>
public abstract class IncidentPagesTests(CustodianApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_privacy_officer_registers_an_incident_and_sees_its_deadlines_reasoning_and_timeline()
    {
        var officer = await SafetyHost.SignInNewAsync(app, "privacy-officer", "127.0.0.1");

        var response = await officer.Client.PostAsync("/console/incidents", await SafetyHost.FormAsync(officer.Client, "/console/incidents", "register-incident",
            ("learnedAt", "2026-12-01T09:30"), ("learnedHow", "Web server alert"), ("summary", "A skimming script on the entry form"),
            ("cause", "web-skimming"), ("policies", "leverages-group"), ("items", "name, email")), Ct);
        var page = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-assessment=\"reportable\"", page, StringComparison.Ordinal);
        Assert.Contains("Art. 7(iii)", page, StringComparison.Ordinal);
        Assert.Contains("Final report (確報) due 2027-01-29", page, StringComparison.Ordinal);
        Assert.Contains("Name, E-mail address", page, StringComparison.Ordinal);
        Assert.Contains($"by {officer.UserName}", page, StringComparison.Ordinal);
        Assert.DoesNotContain(officer.Id.ToString(), page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recruiter_is_refused_the_incident_pages()
    {
        var (recruiter, _) = await SafetyHost.SignInAsync(app, "recruiter", "127.0.0.1");

        var response = await recruiter.GetAsync("/console/incidents", Ct);

        // Refused, or sent elsewhere: either way the page's content is not served.
        Assert.True(response.StatusCode != HttpStatusCode.OK || response.RequestMessage!.RequestUri!.AbsolutePath != "/console/incidents");
        Assert.DoesNotContain("Open report deadlines", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}

public sealed class SqliteIncidentPagesTests(SafetySqliteApp app) : IncidentPagesTests(app), IClassFixture<SafetySqliteApp>;

public sealed class PostgresIncidentPagesTests(SafetyPostgresApp app) : IncidentPagesTests(app), IClassFixture<SafetyPostgresApp>;
