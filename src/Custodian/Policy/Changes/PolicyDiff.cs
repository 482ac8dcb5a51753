namespace Custodian.Policy.Changes;

/// <summary>Compares two versions of one policy, list by list; the order of the changes is the order of the policy file.</summary>
public static class PolicyDiff
{
    public static VersionChanges Between(PrivacyPolicy from, PrivacyPolicy to)
    {
        var changes = new List<PolicyChange>();
        Purposes(from, to, changes);
        Sets(ChangeArea.Item, from.Items.Select(i => i.Id), to.Items.Select(i => i.Id), changes);
        Recipients(from.Recipients, to.Recipients, changes);
        Retention(from, to, changes);
        return new VersionChanges(from, to, changes);
    }

    /// <summary>The changes between each pair of consecutive versions, oldest first.</summary>
    public static IReadOnlyList<VersionChanges> History(IReadOnlyList<PrivacyPolicy> versions) =>
        versions.Zip(versions.Skip(1), Between).ToList();

    private static void Purposes(PrivacyPolicy from, PrivacyPolicy to, List<PolicyChange> changes)
    {
        Sets(ChangeArea.Purpose, from.Purposes.Select(p => p.Id), to.Purposes.Select(p => p.Id), changes);
        foreach (var after in to.Purposes)
        {
            if (from.FindPurpose(after.Id) is not { } before)
            {
                continue;
            }

            if (before.RequiresConsent != after.RequiresConsent || !Same(before.Description, after.Description))
            {
                changes.Add(new PolicyChange(ChangeArea.Purpose, ChangeKind.Changed, after.Id));
            }

            Sets(ChangeArea.PurposeItem, before.Items, after.Items, changes, after.Id);
        }
    }

    private static void Recipients(Recipients from, Recipients to, List<PolicyChange> changes)
    {
        if ((from.ClientCompanies is null) != (to.ClientCompanies is null))
        {
            changes.Add(new PolicyChange(ChangeArea.ClientCompanies, from.ClientCompanies is null ? ChangeKind.Added : ChangeKind.Removed, "client-companies"));
        }
        else if (from.ClientCompanies is { } before && to.ClientCompanies is { } after)
        {
            Sets(ChangeArea.ClientCompanyItem, before.Items, after.Items, changes);
        }

        Sets(ChangeArea.JointUser, JointUsers(from.JointUse), JointUsers(to.JointUse), changes);
        Sets(ChangeArea.JointUseItem, from.JointUse?.Items ?? [], to.JointUse?.Items ?? [], changes);
        Sets(ChangeArea.JointUsePurpose, from.JointUse?.Purposes ?? [], to.JointUse?.Purposes ?? [], changes);
        Sets(ChangeArea.Outsourcing, from.Outsourcing?.Purposes ?? [], to.Outsourcing?.Purposes ?? [], changes);
        Sets(ChangeArea.AdvertisingPartner, from.AdvertisingPartners.Select(p => p.Name), to.AdvertisingPartners.Select(p => p.Name), changes);
    }

    // A joint user abroad is a joint user too: adding one adds a recipient.
    private static IEnumerable<string> JointUsers(JointUse? joint) =>
        joint is null ? [] : joint.Members.Concat(joint.Abroad.Select(a => a.Member).Where(m => !joint.Members.Contains(m)));

    private static void Retention(PrivacyPolicy from, PrivacyPolicy to, List<PolicyChange> changes)
    {
        foreach (var kind in Enum.GetValues<RecordKind>())
        {
            var (before, after) = (from.FindRetention(kind), to.FindRetention(kind));
            var id = RecordKinds.Id(kind);
            if (before?.Keep != after?.Keep)
            {
                var change = before is null ? ChangeKind.Added : after is null ? ChangeKind.Removed : ChangeKind.Changed;
                changes.Add(new PolicyChange(ChangeArea.Retention, change, id, Before: before?.Keep.ToString(), After: after?.Keep.ToString()));
            }
        }
    }

    private static void Sets(ChangeArea area, IEnumerable<string> from, IEnumerable<string> to, List<PolicyChange> changes, string? within = null)
    {
        var (before, after) = (from.ToList(), to.ToList());
        changes.AddRange(after.Where(id => !before.Contains(id)).Select(id => new PolicyChange(area, ChangeKind.Added, id, within)));
        changes.AddRange(before.Where(id => !after.Contains(id)).Select(id => new PolicyChange(area, ChangeKind.Removed, id, within)));
    }

    private static bool Same(LocalizedText a, LocalizedText b) =>
        a.Values.Count == b.Values.Count && a.Values.All(kv => b.Values.TryGetValue(kv.Key, out var other) && other == kv.Value);
}
