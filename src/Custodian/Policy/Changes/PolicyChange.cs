using System.Text.Json.Serialization;

namespace Custodian.Policy.Changes;

/// <summary>What part of the policy a change touches.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChangeArea>))]
public enum ChangeArea
{
    Purpose,
    PurposeItem,
    Item,
    ClientCompanies,
    ClientCompanyItem,
    JointUser,
    JointUseItem,
    JointUsePurpose,
    Outsourcing,
    AdvertisingPartner,
    Retention,
}

[JsonConverter(typeof(JsonStringEnumConverter<ChangeKind>))]
public enum ChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>
/// One difference between two versions, by id: the id of the purpose, item, joint user (a term), partner (its name) or
/// kind of record; <see cref="Within"/> is the purpose an item was added to or removed from. Pages name them in each language.
/// </summary>
public sealed record PolicyChange(ChangeArea Area, ChangeKind Kind, string Id, string? Within = null, string? Before = null, string? After = null);

/// <summary>Everything that changed from one version to the next, computed from the structured data.</summary>
public sealed record VersionChanges(PrivacyPolicy From, PrivacyPolicy To, IReadOnlyList<PolicyChange> Changes)
{
    /// <summary>Purposes of use the later version adds: a person who agreed only to the earlier one has not agreed to them.</summary>
    public IEnumerable<string> AddedPurposes => Added(ChangeArea.Purpose);

    /// <summary>Whether the change adds recipients: client companies where there were none, joint users, partners.</summary>
    public bool AddsRecipients => Changes.Any(c => c.Kind == ChangeKind.Added && c.Area is ChangeArea.ClientCompanies or ChangeArea.JointUser or ChangeArea.AdvertisingPartner);

    /// <summary>Whether persons under the earlier version must agree again before some use: the change adds a purpose or a recipient.</summary>
    public bool NeedsConsent => AddedPurposes.Any() || AddsRecipients;

    private IEnumerable<string> Added(ChangeArea area) => Changes.Where(c => c.Area == area && c.Kind == ChangeKind.Added).Select(c => c.Id);
}
