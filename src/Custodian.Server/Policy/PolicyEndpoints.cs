using Custodian.Policy;
using Custodian.Policy.Notices;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Custodian.Server.Policy;

/// <summary>The policies as JSON, read from the same store the gate enforces.</summary>
public static class PolicyEndpoints
{
    public static WebApplication MapPolicy(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Policy");
        group.MapGet("/policy", (PolicyStore store) => TypedResults.Ok(store.Default))
            .WithName("GetDefaultPolicy");
        group.MapGet("/policies/{id}", GetPolicy)
            .WithName("GetPolicy");

        // The page's <html lang> is written by App.razor before the page itself renders, so the
        // notice's language is settled here, ahead of the Razor endpoint.
        app.Use((context, next) =>
        {
            if (context.Request.Path.Equals("/privacy", StringComparison.OrdinalIgnoreCase))
            {
                var store = context.RequestServices.GetRequiredService<PolicyStore>();
                var policy = context.Request.Query["policy"] is [{ } id] ? store.Find(id) : store.Default;
                context.Items["lang"] = policy is null ? store.Default.BindingLanguage : NoticeRenderer.LanguageFor(policy, context.Request.Query["lang"]);
            }

            return next(context);
        });
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
