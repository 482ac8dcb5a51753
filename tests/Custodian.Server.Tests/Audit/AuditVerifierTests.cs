using Custodian.Audit;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.Audit;

/// <summary>Each database has its own read path in the verifier (SQLite's own API, ADO.NET for PostgreSQL): both must agree with the writer.</summary>
public abstract class AuditVerifierTests(CustodianApp app)
{
    [Fact]
    public async Task Chain_verifies_and_an_edited_event_is_named()
    {
        var log = app.Service<AuditLog>();
        await Task.WhenAll(
            log.RecordAsync(new AuditEntry(AuditEventType.PersonCorrected, "staff:" + Guid.NewGuid(), PersonId: Guid.NewGuid(), Purpose: "service.apply", Items: "name,email")),
            log.RecordAsync(new AuditEntry(AuditEventType.PersonRead, "system", AuditOutcome.Refused, Reason: "purpose.unknown", Subject: "señal-ñ-✓")),
            log.RecordAsync(new AuditEntry(AuditEventType.StaffSignedIn, "system", Items: "")));
        var verifier = app.Service<AuditVerifier>();

        var intact = await verifier.VerifyAsync();

        Assert.True(intact.Intact, intact.Problem);
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        var last = await db.Set<AuditEvent>().MaxAsync(e => e.Seq);
        await db.Database.ExecuteSqlRawAsync("""UPDATE audit_events SET "Items" = 'name' WHERE "Seq" = {0}""", last);

        var broken = await verifier.VerifyAsync();

        Assert.False(broken.Intact);
        Assert.Equal(last, broken.FirstBadSeq);
        Assert.Equal("event content does not match its hash", broken.Problem);
    }
}

public sealed class AuditVerifierTests_Sqlite(SqliteApp app) : AuditVerifierTests(app), IClassFixture<SqliteApp>;

public sealed class AuditVerifierTests_Postgres(PostgresApp app) : AuditVerifierTests(app), IClassFixture<PostgresApp>;
