using System.ComponentModel;
using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Policy;
using Microsoft.Extensions.Options;

namespace Custodian.Anonymization;

/// <summary>One bar of a statistic; <see cref="Count"/> is null when the cell is too small to show.</summary>
public sealed record StatisticsCell(string Value, int? Count);

public sealed record StatisticsTable(string By, string PolicyId, string Purpose, int MinimumCellSize, int PersonsRefused, IReadOnlyList<StatisticsCell> Cells);

/// <summary>
/// Counts across the vault "in unidentifiable form": every person is read through the gate for the statistics purpose,
/// reduced at once to one coarse value, and cells below the configured size are suppressed.
/// </summary>
public sealed class VaultStatistics(PersonGate gate, PolicyStore policies, AuditLog audit, TimeProvider time, IOptions<ReleaseOptions> options)
{
    public static readonly IReadOnlyList<string> Dimensions = ["age-band", "sex", "career", "state"];

    /// <summary>Counts by <paramref name="by"/>; <paramref name="reason"/> is why: the gate refuses a catch-all purpose without one, and keeps one given, sealed, with each use.</summary>
    public async Task<Result<StatisticsTable>> CountAsync(
        Actor actor, string? by, string? policyId = null, string? reason = null, CancellationToken cancellationToken = default)
    {
        if (by is null || !Dimensions.Contains(by))
            return Failure.Invalid("by", "statistics.dimension", $"Statistics are by one of: {string.Join(", ", Dimensions)}.");
        var policy = policyId is null ? policies.Default : policies.Find(policyId);
        if (policy is null) return Failure.Invalid("policy", "policy.unknown", "No policy has this id.");
        var settings = options.Value;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var used = await gate.UseAllAsync(actor, policy.Id, settings.Purpose, GateUse.Release, "statistics:" + by, reason, view =>
        {
            var value = Code(by, view.Items, today, settings);
            counts[value] = counts.GetValueOrDefault(value) + 1;
        }, fromReplica: true, cancellationToken);
        if (!used.Succeeded) return used.Failure!;
        await audit.RecordAsync(new AuditEntry(AuditEventType.StatisticsComputed, actor.AuditName, Purpose: settings.Purpose, Reason: by), cancellationToken);
        return new StatisticsTable(by, policy.Id, settings.Purpose, settings.MinimumCellSize, used.Value!.RefusedCount, Suppress(counts, settings.MinimumCellSize));
    }

    /// <summary>
    /// Hides cells below the threshold; when exactly one cell is hidden, the next smallest is hidden too, so the hidden one
    /// cannot be worked out from the others and the total.
    /// </summary>
    internal static IReadOnlyList<StatisticsCell> Suppress(IReadOnlyDictionary<string, int> counts, int minimum)
    {
        var hidden = counts.Where(c => c.Value < minimum).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        if (hidden.Count == 1 && counts.Count > 1)
            hidden.Add(counts.Where(c => !hidden.Contains(c.Key)).OrderBy(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).First().Key);
        return counts.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new StatisticsCell(c.Key, hidden.Contains(c.Key) ? null : c.Value)).ToList();
    }

    private static string Code(string by, IReadOnlyDictionary<string, string> items, DateOnly today, ReleaseOptions settings) => by switch
    {
        "age-band" => ItemCoding.AgeBand(items.GetValueOrDefault("date-of-birth"), today, settings.TopCodeAge),
        "sex" => ItemCoding.Sex(items.GetValueOrDefault("sex")),
        "career" => ItemCoding.CareerCategory(ItemCoding.Title(items.GetValueOrDefault("career")), settings.CareerCategories),
        "state" => ItemCoding.State(items.GetValueOrDefault("address")),
        _ => throw new InvalidEnumArgumentException(nameof(by)),
    };
}
