using Custodian.Policy;
using Custodian.Vault;

namespace Custodian.Gate;

/// <summary>One use of one person's data, as the gate's checks see it; <paramref name="Reason"/> is the caller's note of why, if any.</summary>
public sealed record GateRequest(Actor Actor, Person Person, PrivacyPolicy Policy, PurposeOfUse Purpose, GateUse Use, IReadOnlyList<string> Items, string? Reason = null);

/// <summary>What the data is used for beyond the purpose: each use may bring checks of its own.</summary>
public enum GateUse
{
    /// <summary>Shown to staff or a service.</summary>
    Read,
    /// <summary>Provided to a third party (a client company, a joint user, an affiliate) with the person's agreement.</summary>
    Provide,
    /// <summary>
    /// Provided without consent on one of the policy's grounds (laws, life, public health, authorities, ...). The
    /// person's request to stop provision does not reach these: the law lets the person stop only what needs consent.
    /// </summary>
    ProvideOnGround,
    /// <summary>Fed into a release of anonymized processed information or statistics.</summary>
    Release,
    /// <summary>Gathered for the person's own disclosure request.</summary>
    Disclose,
    /// <summary>Written to a file that leaves the system.</summary>
    Export,
}
