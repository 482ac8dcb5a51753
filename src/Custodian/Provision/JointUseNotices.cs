using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Provision;

/// <summary>
/// A change of joint users, shared items or purposes is announced in advance: the notice is recorded with the day
/// it takes effect, which must be later than the day of the notice.
/// </summary>
internal sealed class JointUseNotices(IDbContextFactory<CustodianDb> factory, PolicyStore policies, AuditLog audit, TimeProvider time)
{
    public async Task<Result<JointUseNotice>> RecordAsync(Actor actor, string? policyId, string? change, DateOnly? effectiveOn, CancellationToken cancellationToken = default)
    {
        var policy = policyId is null ? policies.Default : policies.Find(policyId);
        if (policy?.Recipients.JointUse is null)
        {
            return Failure.Invalid("policyId", "joint-use.none", "This policy has no joint use to change.");
        }

        if (string.IsNullOrWhiteSpace(change) || change.Length > 2000)
        {
            return Failure.Invalid("change", "text.length", "change needs 1 to 2000 characters.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (effectiveOn is null || effectiveOn.Value.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) <= now)
        {
            return Failure.Invalid("effectiveOn", "joint-use.notice-in-advance", "A change of joint use takes effect after the day it is announced.");
        }

        var notice = new JointUseNotice
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            PolicyId = policy.Id,
            Change = change.Trim(),
            NoticeAt = now,
            EffectiveAt = effectiveOn.Value.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            RecordedBy = actor.AuditName,
        };
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.Add(notice);
        await audit.CommitAsync(db, [new(AuditEventType.JointUseNoticeRecorded, actor.AuditName, Subject: notice.Id.ToString())], cancellationToken);
        return notice;
    }

    /// <summary>The notices announced by now, for the privacy centre: the coming changes first, then those in effect.</summary>
    public async Task<List<JointUseNotice>> PublishedAsync(string policyId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Set<JointUseNotice>().AsNoTracking().Where(n => n.PolicyId == policyId && n.NoticeAt <= now)
            .OrderByDescending(n => n.EffectiveAt).ThenByDescending(n => n.Id).ToListAsync(cancellationToken);
    }

    public async Task<List<JointUseNotice>> ListAsync(string policyId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Set<JointUseNotice>().AsNoTracking().Where(n => n.PolicyId == policyId).OrderByDescending(n => n.Id).ToListAsync(cancellationToken);
    }
}
