using System.Collections.Concurrent;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Provision;
using Custodian.Storage;

namespace Custodian.Policy.Changes;

/// <summary>
/// A person keeps the policy version they agreed to. A later version that adds a purpose of use, or a recipient (client
/// companies where there were none, joint users, a purpose shared with joint users), does not reach them until they
/// agree to it: the gate refuses those uses, and only those. Disclosure to the person and provision on a legal ground
/// never needed their agreement and are left alone.
/// </summary>
internal sealed class PolicyChangeCheck(PolicyStore policies) : IGateCheck
{
    public const string Code = "policy.change-not-agreed";

    private readonly ConcurrentDictionary<(string Id, string From, string To), VersionChanges> _diffs = new();

    public ValueTask<Failure?> CheckAsync(GateRequest request, CustodianDb db, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Check(request));

    private Failure? Check(GateRequest request)
    {
        var (person, current) = (request.Person, request.Policy);
        if (person.PolicyVersion == current.Version || request.Use is GateUse.Disclose or GateUse.ProvideOnGround
            || policies.Find(person.PolicyId, person.PolicyVersion) is not { } agreed)
        {
            // A version no longer loaded cannot be compared: the operator keeps every version persons still hold loaded.
            return null;
        }

        var changes = _diffs.GetOrAdd((current.Id, agreed.Version, current.Version), _ => PolicyDiff.Between(agreed, current));
        var purpose = request.Purpose.Id;
        if (changes.AddedPurposes.Contains(purpose, StringComparer.Ordinal))
        {
            return Refusal(current, agreed, "the purpose of use");
        }

        if (request.Use == GateUse.Provide && purpose == ProvisionRules.ToUserCompany && Added(changes, ChangeArea.ClientCompanies))
        {
            return Refusal(current, agreed, "provision to client companies");
        }

        var toJointUsers = JointUserCheck.IsJointUser(request.Actor)
            || (request.Use == GateUse.Provide && purpose != ProvisionRules.ToUserCompany && current.Recipients.JointUse?.Purposes.Contains(purpose) == true);
        // Staff that name their joint user are held back only where that joint user is new; others by any new joint user.
        var addedJointUser = request.Actor.JointUser is { } member
            ? changes.Changes.Any(c => c is { Area: ChangeArea.JointUser, Kind: ChangeKind.Added } && c.Id == member)
            : Added(changes, ChangeArea.JointUser);
        return toJointUsers && (addedJointUser || changes.Changes.Any(c => c is { Area: ChangeArea.JointUsePurpose, Kind: ChangeKind.Added } && c.Id == purpose))
            ? Refusal(current, agreed, "sharing with joint users")
            : null;
    }

    private static bool Added(VersionChanges changes, ChangeArea area) => changes.Changes.Any(c => c.Area == area && c.Kind == ChangeKind.Added);

    private static Failure Refusal(PrivacyPolicy current, PrivacyPolicy agreed, string use) => Failure.Refused(Code,
        $"Version {current.Version} of policy {current.Id} adds {use} here; the person agreed to version {agreed.Version} only and must agree to version {current.Version} first.");
}
