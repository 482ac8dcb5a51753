using Custodian.Common;
using Custodian.Policy;

namespace Custodian.Staff;

/// <summary>The joint users a staff account or a token may belong to: those the loaded policies name, in any version.</summary>
internal static class JointUsers
{
    /// <summary>Every joint user the loaded policies name (every version), at home or abroad, by term id.</summary>
    public static IReadOnlyList<string> Known(PolicyStore? policies) =>
        policies is null
            ? []
            : policies.All.Keys.SelectMany(id => policies.Versions(id)).Select(p => p.Recipients.JointUse).OfType<JointUse>()
                .SelectMany(j => j.Members.Concat(j.Abroad.Select(a => a.Member))).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>The member, trimmed, or null for none; a member no loaded policy names is refused on <paramref name="field"/>.</summary>
    public static Result<string?> Check(PolicyStore? policies, string? member, string field)
    {
        var wanted = string.IsNullOrWhiteSpace(member) ? null : member.Trim();
        var known = Known(policies);
        return wanted is null || known.Contains(wanted, StringComparer.Ordinal)
            ? (Result<string?>)wanted
            : Failure.Invalid(field, "staff.joint-user-unknown",
                $"'{(wanted.Length <= 64 ? wanted : wanted[..64] + "…")}' is not a joint user of a loaded policy; known: {string.Join(", ", known)}.");
    }
}
