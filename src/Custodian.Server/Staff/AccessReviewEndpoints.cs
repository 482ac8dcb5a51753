using Custodian.Server.Host;
using Custodian.Staff;

namespace Custodian.Server.Staff;

/// <summary>
/// /api/v1/staff/organisation and /api/v1/staff/access-reviews: the responsible manager, and the regular check of access
/// logs. Reviews need access-reviews.review at the door; <see cref="AccessReviews"/> then decides which departments the caller answers for.
/// </summary>
internal static class AccessReviewEndpoints
{
    public static WebApplication MapAccessReviews(this WebApplication app)
    {
        var organisation = app.MapGroup("/api/v1/staff").WithTags("Staff").RequirePermission(Permissions.StaffManage);
        organisation.MapGet("/organisation", async (Organisation o, CancellationToken ct) => Results.Ok(await o.GetAsync(ct)))
            .WithSummary("The responsible manager, the departments with their information managers, and each staff member's training, pledge and networks");
        organisation.MapPut("/responsible-manager", async (ManagerBody body, HttpContext http, Organisation o, CancellationToken ct) =>
                body.ManagerId is not { } m ? Problems.Required("managerId").ToProblem() : (await o.SetResponsibleManagerAsync(http.User.ToActor(), m, ct)).ToResult(id => Results.Ok(new { managerId = id })))
            .WithSummary("Name the responsible manager for personal data");

        var reviews = app.MapGroup("/api/v1/staff/access-reviews").WithTags("Staff").RequirePermission(Permissions.AccessReviewsReview);
        reviews.MapGet("/", async (string? from, string? to, string? department, HttpContext http, AccessReviews r, CancellationToken ct) =>
                (await r.ComputeAsync(http.User.ToActor(), from, to, department, ct)).ToResult(Results.Ok))
            .WithSummary("Access-log review of a period (from, to as YYYY-MM-DD; department name or id): reads per staff member, bulk reads, reads outside working hours, denied attempts, persons viewed by many staff");
        reviews.MapPost("/sign-offs", async (SignOffBody body, HttpContext http, AccessReviews r, CancellationToken ct) =>
                (await r.SignOffAsync(http.User.ToActor(), body.From, body.To, body.Department, ct)).ToResult(s => Results.Created($"/api/v1/staff/access-reviews/sign-offs/{s.Id}", s)))
            .WithSummary("The department's information manager signs the period's review off");
        reviews.MapGet("/overdue", async (HttpContext http, AccessReviews r, CancellationToken ct) => Results.Ok(new { overdue = await r.OverdueAsync(http.User.ToActor(), ct) }))
            .WithSummary("Departments whose access review is overdue, among those the caller answers for");
        return app;
    }
}

internal sealed record SignOffBody(string? From, string? To, string? Department);
