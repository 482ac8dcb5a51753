using Custodian.Server.Host;
using Custodian.Server.Incidents;
using Custodian.Staff;

namespace Custodian.Server.Staff;

/// <summary>/api/v1/staff/tokens: what an administrator changes on a service's token after its creation (the command line creates them).</summary>
internal static class ApiTokenEndpoints
{
    public static WebApplication MapApiTokens(this WebApplication app)
    {
        var tokens = app.MapGroup("/api/v1/staff/tokens").WithTags("Staff");
        tokens.MapPut("/{id:guid}/joint-user", async (Guid id, JointUserBody body, HttpContext http, ApiTokens t, CancellationToken ct) =>
                (await t.SetJointUserAsync(http.User.ToActor(), id, body.JointUser, ct)).ToResult(token => Results.Ok(ApiTokenView.Of(token))))
            .RequirePermission(Permissions.StaffManage)
            .WithSummary("Name the joint user (a member of a policy's joint use) whose service holds the token, or none; its next request acts for it")
            .WithRequestExample("""{ "jointUser": "leverages-career-mexico" }""");
        return app;
    }
}

/// <summary>A token as the API shows it: never its secret, nor the secret's hash.</summary>
internal sealed record ApiTokenView(Guid Id, string Name, string? JointUser, IReadOnlyList<string> Permissions, IReadOnlyList<string> Purposes, DateTime CreatedAt, DateTime? RevokedAt)
{
    public static ApiTokenView Of(ApiToken token) => new(
        token.Id, token.Name, token.JointUser, token.Permissions.Split(',', StringSplitOptions.RemoveEmptyEntries),
        token.Purposes.Split(',', StringSplitOptions.RemoveEmptyEntries), token.CreatedAt, token.RevokedAt);
}
