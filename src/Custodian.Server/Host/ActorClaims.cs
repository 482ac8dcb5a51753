using System.Security.Claims;
using Custodian.Gate;

namespace Custodian.Server.Host;

/// <summary>
/// How a signed-in principal becomes the gate's <see cref="Actor"/>. Every authentication scheme
/// (console cookie, API token) issues these claims.
/// </summary>
internal static class ActorClaims
{
    public const string Id = "sub";
    public const string Kind = "actor_kind";
    public const string Role = "role";
    public const string Purpose = "purpose";
    public const string Permission = "permission";
    /// <summary>The joint-use member the account or token belongs to, when it is a joint user's.</summary>
    public const string JointUser = "joint_user";

    public static Actor ToActor(this ClaimsPrincipal user)
    {
        var id = Guid.Parse(user.FindFirstValue(Id) ?? throw new InvalidOperationException("Authenticated principal without an id."));
        var kind = Enum.Parse<ActorKind>(user.FindFirstValue(Kind) ?? nameof(ActorKind.Staff), ignoreCase: true);
        var purposes = user.FindAll(Purpose).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new Actor(kind, id, user.FindFirstValue(Role) ?? "", purposes.Count == 0 ? null : purposes) { JointUser = user.FindFirstValue(JointUser) };
    }
}
