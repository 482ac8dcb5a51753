using Custodian.Policy;

namespace Custodian.Requests;

/// <summary>
/// The documents a requester encloses, from clause (2) of the procedure: one of the policy's identity documents
/// for the person; an attorney adds what the policy names for their kind (proof of legal authority, a proxy) and one
/// identity document of their own.
/// </summary>
public static class RequestChecklist
{
    public const string PersonHolder = "person";
    public const string RepresentativeHolder = "representative";

    /// <summary>The requesters the policy provides for: the person always; an attorney only where it names their documents.</summary>
    public static IReadOnlyList<Requester> Requesters(PrivacyPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return Enum.GetValues<Requester>().Where(r => r == Requester.Person || policy.Requests.AttorneyDocuments.ContainsKey(RequestRecords.Name(r))).ToList();
    }

    public static IReadOnlyList<ChecklistLine> For(PrivacyPolicy policy, Requester requester)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var identity = policy.Requests.IdentityDocuments;
        if (identity.Count == 0)
        {
            // Nothing to enclose: staff confirm the requester by one of the policy's verification methods instead.
            return [];
        }

        if (requester == Requester.Person || !policy.Requests.AttorneyDocuments.TryGetValue(RequestRecords.Name(requester), out var authority))
        {
            return [new(PersonHolder, identity)];
        }

        return [new(PersonHolder, identity), new(RepresentativeHolder, authority), new(RepresentativeHolder, identity)];
    }

    /// <summary>Whether a document of this kind and holder is on the requester's checklist at all.</summary>
    public static bool Allows(PrivacyPolicy policy, Requester requester, string kind, string holder) =>
        For(policy, requester).Any(line => line.Holder == holder && line.Kinds.Contains(kind));

    /// <summary>The lines no document (in a state <paramref name="counts"/> accepts) covers yet.</summary>
    public static IReadOnlyList<ChecklistLine> Missing(
        PrivacyPolicy policy, Requester requester, IEnumerable<RequestDocument> documents, Func<RequestDocument, bool> counts)
    {
        var usable = documents.Where(counts).ToList();
        return For(policy, requester)
            .Where(line => !usable.Any(d => d.Holder == line.Holder && line.Kinds.Contains(d.Kind)))
            .ToList();
    }
}

/// <summary>One line of the checklist: any one of <see cref="Kinds"/>, held by <see cref="Holder"/>.</summary>
public sealed record ChecklistLine(string Holder, IReadOnlyList<string> Kinds);
