using Custodian.Policy;

namespace Custodian.Retention;

/// <summary>A policy's rule as it applies: to that policy's records, or, for a kind no policy owns, to all of them.</summary>
public sealed record AppliedRule(string PolicyId, string PolicyVersion, RetentionRule Rule, bool InstallationWide)
{
    public RecordKind Kind => Rule.Record;
    public string KindId => RecordKinds.Id(Rule.Record);
}

/// <summary>
/// The rules in force, from the loaded policies. Records that name a policy follow their own policy's rule. Audit
/// events and sessions name none: they are kept as long as the longest period any policy states for them.
/// </summary>
public sealed class RetentionSchedule(PolicyStore policies)
{
    private static readonly RecordKind[] InstallationWide = [RecordKind.AuditEvents, RecordKind.Sessions];

    public IReadOnlyList<AppliedRule> Rules { get; } = Build(policies);

    private static List<AppliedRule> Build(PolicyStore policies)
    {
        var ordered = policies.All.Values.OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        var rules = ordered
            .SelectMany(p => p.Retention.Where(r => !InstallationWide.Contains(r.Record)).Select(r => new AppliedRule(p.Id, p.Version, r, false)))
            .ToList();
        foreach (var kind in InstallationWide)
        {
            var longest = ordered.Select(p => (Policy: p, Rule: p.FindRetention(kind))).Where(x => x.Rule is not null)
                .MaxBy(x => x.Rule!.Keep.ApproximateDays);
            if (longest.Rule is not null)
            {
                rules.Add(new AppliedRule(longest.Policy.Id, longest.Policy.Version, longest.Rule, true));
            }
        }

        // The chain is pruned last, so the events of this run's other disposals are kept with it.
        return [.. rules.OrderBy(r => r.Kind == RecordKind.AuditEvents).ThenBy(r => r.Kind).ThenBy(r => r.PolicyId, StringComparer.Ordinal)];
    }
}
