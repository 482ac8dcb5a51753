using Custodian.Audit;
using Custodian.Gate;
using Custodian.Staff;
using Custodian.Storage;
using Custodian.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Tests.Staff;

/// <summary>The access review lists every use of a catch-all purpose with the reason given for it, whoever made it.</summary>
public sealed class AccessReviewCatchAllTests
{
    [Fact]
    public async Task Catch_all_uses_are_listed_with_their_reasons_and_other_reads_are_not()
    {
        await using var h = await StaffHarness.CreateAsync();
        var reader = await h.CreateAccountAsync("reader.one");
        var factory = h.Get<IDbContextFactory<CustodianDb>>();
        var person = await HeldPersons.CreateAsync(factory);
        var staff = new Actor(ActorKind.Staff, reader.Id, reader.Role).AuditName;
        var reasonId = Guid.CreateVersion7();
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Add(h.Get<UseReasons>().New(reasonId, person, "as-specified", staff, h.Time.Now.UtcDateTime, "Confirming the seminar booking she asked about"));
            await h.Audit.CommitAsync(db, [new AuditEntry(AuditEventType.PersonRead, staff, PersonId: person, Purpose: "as-specified", Subject: UseReasons.SubjectPrefix + reasonId)]);
        }

        await h.Audit.RecordAsync(new AuditEntry(AuditEventType.PersonRead, staff, PersonId: person, Purpose: "inquiry.respond"));
        var token = $"token:{Guid.CreateVersion7()}";
        var tokenReason = Guid.CreateVersion7();
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Add(h.Get<UseReasons>().New(tokenReason, person, "as-specified", token, h.Time.Now.UtcDateTime, "Nightly sync named by ticket 42"));
            await h.Audit.CommitAsync(db, [new AuditEntry(AuditEventType.PersonRead, token, PersonId: person, Purpose: "as-specified", Subject: UseReasons.SubjectPrefix + tokenReason)]);
        }

        var review = await h.Reviews.ComputeAsync(Actor.System, "2026-11-01", "2026-11-30", null);

        Assert.True(review.Succeeded, review.Failure?.Detail);
        Assert.Equal(2, review.Value!.CatchAllUses.Total);
        Assert.Equal(
            [("reader.one", "as-specified", "Confirming the seminar booking she asked about"), (token, "as-specified", "Nightly sync named by ticket 42")],
            review.Value.CatchAllUses.Rows.Select(r => (r.UserName ?? r.Actor, r.Purpose, r.Reason)));
        // The staff member's plain read still counts as a read; the catch-all one too.
        Assert.Equal(2, Assert.Single(review.Value.Staff).Reads);
    }
}
