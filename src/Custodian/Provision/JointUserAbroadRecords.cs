using Custodian.Gate;

namespace Custodian.Provision;

/// <summary>
/// A use by the staff of a joint user abroad is a provision to a third party in a foreign country (APPI Art. 28): it leaves a
/// provision record naming the joint user, the person, the items the joint user sees, the country, the purpose and when,
/// committed with the use's audit event.
/// </summary>
internal sealed class JointUserAbroadRecords : IGateUseRecord
{
    /// <summary>The method of a record made by the gate: the joint user's staff read the data in Custodian itself.</summary>
    public const string Method = "online-access";

    public object? RecordFor(GateRequest request, DateTime at)
    {
        // The person's own disclosure is not a use by the joint user, whoever gathers it.
        if (request.Actor.JointUser is not { } member || request.Use == GateUse.Disclose
            || request.Policy.Recipients.JointUse is not { } joint || joint.FindAbroad(member) is not { } abroad)
        {
            return null;
        }

        var items = request.Items.Where(joint.Items.Contains).ToList();
        return items.Count == 0
            ? null
            : new ProvisionRecord
            {
                Id = Guid.CreateVersion7(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc))),
                PersonId = request.Person.Id,
                RecipientKind = RecipientKinds.JointUserAbroad,
                // The record keeps the name as the policy wrote it that day, in its binding language, as a company's record keeps the company's.
                RecipientName = request.Policy.Terms.TryGetValue(member, out var name) ? name[request.Policy.BindingLanguage] : member,
                JointUser = member,
                Country = abroad.Country,
                Purpose = request.Purpose.Id,
                Items = string.Join(',', items),
                Method = Method,
                RequestedBy = request.Actor.AuditName,
                PolicyId = request.Policy.Id,
                PolicyVersion = request.Policy.Version,
                ProvidedAt = at,
                KeepUntil = ProvisionRecords.KeepUntil(at),
            };
    }
}
