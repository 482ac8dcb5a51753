using System.Globalization;
using Custodian.Anonymization;
using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Custodian.PrivacyCentre;

/// <summary>
/// The Mexico policy's purpose 2b, "to use as statistical data in unidentifiable form": inquiries counted by month or by
/// state from the inquiry rows alone (dates and states, never a person or a text), small cells suppressed.
/// </summary>
internal sealed class InquiryStatistics(IDbContextFactory<CustodianDb> factory, PolicyStore policies, AuditLog audit, IOptions<PrivacyCentreOptions> options, IOptions<ReleaseOptions> release)
{
    public static readonly IReadOnlyList<string> Dimensions = ["month", "state"];

    public async Task<Result<StatisticsTable>> CountAsync(Actor actor, string? by, string? policyId, CancellationToken cancellationToken = default)
    {
        if (by is null || !Dimensions.Contains(by))
        {
            return Failure.Invalid("by", "statistics.dimension", $"Inquiry statistics are by one of: {string.Join(", ", Dimensions)}.");
        }

        var policy = policyId is null ? policies.Default : policies.Find(policyId);
        if (policy is null)
        {
            return Failure.Invalid("policy", "policy.unknown", "No policy has this id.");
        }

        if (options.Value.InquiryStatisticsPurposes.GetValueOrDefault(policy.Id) is not { } purpose)
        {
            return Failure.Invalid("policy", "statistics.no-purpose", "This policy names no purpose for statistics of inquiries.");
        }

        if (!actor.MayUse(purpose))
        {
            return Failure.Refused("actor.purpose-not-allowed", "This credential is not entrusted with that purpose of use.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<Inquiry>().AsNoTracking().Where(i => i.PolicyId == policy.Id)
            .Select(i => new { i.ReceivedAt, i.State }).ToListAsync(cancellationToken);
        var counts = rows
            .GroupBy(r => by == "month" ? r.ReceivedAt.ToString("yyyy-MM", CultureInfo.InvariantCulture) : r.State.ToString().ToLowerInvariant(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        await audit.RecordAsync(new AuditEntry(AuditEventType.InquiryStatisticsComputed, actor.AuditName, Purpose: purpose, Reason: by, Subject: policy.Id), cancellationToken);
        var minimum = release.Value.MinimumCellSize;
        return new StatisticsTable(by, policy.Id, purpose, minimum, 0, VaultStatistics.Suppress(counts, minimum));
    }
}
