using Custodian.Policy;

namespace Custodian.Requests;

/// <summary>
/// The documents a requester encloses, from clause (2) of the procedure: one of the policy's identity documents
/// for the person; an attorney adds proof of their authority (legal representative) or a proxy (deputed
/// representative), and one identity document of their own.
/// </summary>
public static class RequestChecklist
{
    public const string PersonHolder = "person";
    public const string RepresentativeHolder = "representative";
    public const string LegalAuthority = "legal-authority";
    public const string Proxy = "proxy";

    public static IReadOnlyList<ChecklistLine> For(PrivacyPolicy policy, Requester requester)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var identity = policy.Requests.IdentityDocuments;
        return requester switch
        {
            Requester.LegalRepresentative =>
                [new(PersonHolder, identity), new(RepresentativeHolder, [LegalAuthority]), new(RepresentativeHolder, identity)],
            Requester.DeputedRepresentative =>
                [new(PersonHolder, identity), new(RepresentativeHolder, [Proxy]), new(RepresentativeHolder, identity)],
            _ => [new(PersonHolder, identity)],
        };
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
