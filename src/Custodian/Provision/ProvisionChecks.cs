using System.Collections.Concurrent;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Provision;

/// <summary>
/// A client company's user may only receive, through the provision purpose, a candidate whose entry for their
/// company is open, while the company's contract is in force.
/// </summary>
internal sealed class CompanyUserCheck(TimeProvider time) : IGateCheck
{
    public async ValueTask<Failure?> CheckAsync(GateRequest request, CustodianDb db, CancellationToken cancellationToken)
    {
        if (request.Actor is not { Kind: ActorKind.Staff, Role: ProvisionRoles.CompanyUser })
        {
            return null;
        }

        if (request.Use != GateUse.Provide || request.Purpose.Id != ProvisionRules.ToUserCompany)
        {
            return Failure.Refused("company-user.use", "A client company's user only receives what was provided to their company.");
        }

        var found = await (
                from u in db.Set<CompanyUser>().AsNoTracking()
                where u.StaffAccountId == request.Actor.Id
                join c in db.Set<ClientCompany>().AsNoTracking() on u.CompanyId equals c.Id
                select new
                {
                    Company = c,
                    Open = db.Set<Entry>().Any(e => e.CompanyId == c.Id && e.PersonId == request.Person.Id && e.State == EntryState.Open),
                })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return Failure.Refused("company-user.unlinked", "This account does not belong to a client company.");
        }

        return !found.Open
            ? Failure.Refused("entry.not-open", "The person's entry for this company is withdrawn: nothing more is provided.")
            : ProvisionRules.CheckCompany(found.Company, request.Policy, time.GetUtcNow().UtcDateTime);
    }
}

/// <summary>
/// Joint users' staff use the data only for the purposes the policy shares with them; an account that names its joint user
/// reads only persons whose policy names that joint user.
/// </summary>
internal sealed class JointUserCheck : IGateCheck
{
    public const string Role = Staff.RoleCatalogue.JointUser;

    public static bool IsJointUser(Actor actor) => actor.Role == Role || actor.JointUser is not null;

    public ValueTask<Failure?> CheckAsync(GateRequest request, CustodianDb db, CancellationToken cancellationToken) => ValueTask.FromResult(
        !IsJointUser(request.Actor) ? null
        : request.Actor.JointUser is { } member && request.Policy.Recipients.JointUse?.IsMember(member) != true
            ? Failure.Refused("joint-use.not-a-member", "This account's joint user is not a joint user under the person's policy.")
        : request.Policy.Recipients.JointUse?.Purposes.Contains(request.Purpose.Id) == true
            ? null
            : Failure.Refused("joint-use.purpose", "This purpose of use is not shared with the joint users."));
}

/// <summary>Joint users see only the items the policy shares with them.</summary>
internal sealed class JointUserItemsFilter : IGateViewFilter
{
    public IReadOnlyDictionary<string, string> Filter(GateRequest request, IReadOnlyDictionary<string, string> items) =>
        !JointUserCheck.IsJointUser(request.Actor)
            ? items
            : items.Where(kv => request.Policy.Recipients.JointUse?.Items.Contains(kv.Key) == true).ToDictionary(kv => kv.Key, kv => kv.Value);
}

/// <summary>The credentials issued to consignees, by token id, with what was entrusted to them.</summary>
internal sealed class ConsigneeScopes
{
    private readonly ConcurrentDictionary<Guid, Consignee?> _byToken = new();

    public async ValueTask<Consignee?> FindAsync(CustodianDb db, Guid tokenId, CancellationToken cancellationToken)
    {
        if (_byToken.TryGetValue(tokenId, out var known))
        {
            return known;
        }

        var consignee = await db.Set<Consignee>().AsNoTracking().FirstOrDefaultAsync(c => c.TokenId == tokenId, cancellationToken);
        return _byToken.GetOrAdd(tokenId, consignee);
    }

    public Consignee? Known(Guid tokenId) => _byToken.GetValueOrDefault(tokenId);

    public void Forget(Guid tokenId) => _byToken.TryRemove(tokenId, out _);
}

/// <summary>A consignee's credential is used only for the purposes entrusted to the consignee.</summary>
internal sealed class ConsigneeCheck(ConsigneeScopes scopes) : IGateCheck
{
    public async ValueTask<Failure?> CheckAsync(GateRequest request, CustodianDb db, CancellationToken cancellationToken)
    {
        if (request.Actor.Kind != ActorKind.Token || await scopes.FindAsync(db, request.Actor.Id, cancellationToken) is not { } consignee)
        {
            return null;
        }

        return consignee.Purposes.Split(',').Contains(request.Purpose.Id)
            ? null
            : Failure.Refused("consignee.purpose-not-entrusted", "This purpose of use is not entrusted to the consignee.");
    }
}

/// <summary>A consignee's credential sees only the items entrusted to the consignee.</summary>
internal sealed class ConsigneeItemsFilter(ConsigneeScopes scopes) : IGateViewFilter
{
    public IReadOnlyDictionary<string, string> Filter(GateRequest request, IReadOnlyDictionary<string, string> items)
    {
        // The check ran first for this request and left the consignee in the scopes.
        if (request.Actor.Kind != ActorKind.Token || scopes.Known(request.Actor.Id) is not { } consignee)
        {
            return items;
        }

        var entrusted = consignee.Items.Split(',');
        return items.Where(kv => entrusted.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
    }
}
