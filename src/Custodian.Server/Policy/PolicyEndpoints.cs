using Custodian.Policy;
using Custodian.Policy.Notices;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Custodian.Server.Policy;

/// <summary>The policies as JSON, read from the same store the gate enforces.</summary>
public static class PolicyEndpoints
{
    public static WebApplication MapPolicy(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Policy").AllowAnonymous();
        group.MapGet("/policy", (PolicyStore store) => TypedResults.Ok(store.Default))
            .WithName("GetDefaultPolicy");
        group.MapGet("/policies/{id}", GetPolicy)
            .WithName("GetPolicy");

        return app;
    }

    private static Results<Ok<PrivacyPolicy>, ProblemHttpResult> GetPolicy(string id, PolicyStore store) =>
        store.Find(id) is { } policy
            ? TypedResults.Ok(policy)
            : TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Unknown policy",
                detail: "No loaded policy has this id.",
                extensions: new Dictionary<string, object?> { ["field"] = "id", ["rule"] = "policy-exists" });
}
