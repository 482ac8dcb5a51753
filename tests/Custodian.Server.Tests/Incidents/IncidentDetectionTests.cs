using Custodian.Audit;
using Custodian.Calendars;
using Custodian.Incidents;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Staff;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Custodian.Server.Tests.Incidents;

/// <summary>The automatic detection rules: off by default; when on, a day's repeated refusals open one suspected incident, once.</summary>
public abstract class IncidentDetectionTests(CustodianApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IncidentDetection Detection(DetectionOptions rules) => new(
        app.Service<IDbContextFactory<CustodianDb>>(), app.Service<IncidentRegister>(), Options.Create(new IncidentsOptions { Detection = rules }),
        app.Service<IOptions<AccessReviewOptions>>(), app.Service<BusinessCalendars>(), app.Service<TimeProvider>());

    [Fact]
    public async Task Repeated_gate_refusals_open_one_suspected_incident_only_when_the_rule_is_on()
    {
        var staff = Guid.NewGuid();
        for (var i = 0; i < 3; i++)
        {
            await app.Service<AuditLog>().RecordAsync(new AuditEntry(AuditEventType.PersonRead, $"staff:{staff}", AuditOutcome.Refused, Reason: "purpose.unknown"), Ct);
        }

        // The scan reads the day before the one it is given: give it tomorrow, so it reads today.
        var tomorrow = ReportDeadlines.LearnedOn(app.Service<TimeProvider>().GetUtcNow().UtcDateTime).AddDays(1);

        Assert.Equal(0, await Detection(new DetectionOptions()).ScanAsync(tomorrow, Ct));
        var on = Detection(new DetectionOptions { OpenFromGateRefusals = true, RefusalThreshold = 3 });
        Assert.True(await on.ScanAsync(tomorrow, Ct) >= 1);
        Assert.Equal(0, await on.ScanAsync(tomorrow, Ct));

        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(Ct);
        var opened = await db.Set<Incident>().SingleAsync(i => i.DetectedBy!.StartsWith($"gate-refusals:{staff}"), Ct);
        Assert.Equal((IncidentStatus.Suspected, IncidentCause.UnauthorizedAccess, Guid.Empty), (opened.Status, opened.Cause, opened.LearnedBy));
        Assert.Equal("system", (await db.Set<AuditEvent>().SingleAsync(e => e.Type == AuditEventType.IncidentRegistered && e.Subject == opened.Id.ToString(), Ct)).Actor);
    }
}

public sealed class SqliteIncidentDetectionTests(SqliteApp app) : IncidentDetectionTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresIncidentDetectionTests(PostgresApp app) : IncidentDetectionTests(app), IClassFixture<PostgresApp>;
