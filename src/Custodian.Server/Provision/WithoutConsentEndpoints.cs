using Custodian.Server.Staff;
using Custodian.Staff;
using Custodian.Provision;
using Custodian.Server.Host;

namespace Custodian.Server.Provision;

/// <summary>/api/v1/provision/stops and /api/v1/provision/without-consent: the person's stop, and provision on the policy's grounds.</summary>
internal static class WithoutConsentEndpoints
{
    public static RouteGroupBuilder MapStopsAndWithoutConsent(this RouteGroupBuilder provision)
    {
        provision.MapPost("/stops", StopAsync).RequirePermission(Permissions.ProvisionManage).WithSummary("Stop all provision to third parties at the person's request");
        provision.MapGet("/stops/{personId:guid}", async (Guid personId, ProvisionStops stops, CancellationToken ct) =>
            (await stops.StateAsync(personId, ct)).ToResult(Results.Ok)).RequirePermission(Permissions.ProvisionManage).WithSummary("Whether provision is stopped, and the person's entries with the companies told");
        provision.MapDelete("/stops/{personId:guid}", async (Guid personId, HttpContext http, ProvisionStops stops, CancellationToken ct) =>
            (await stops.ClearAsync(http.User.ToActor(), personId, ct)).ToResult(_ => Results.Ok(new { personId, provisionStopped = false })))
            .RequirePermission(Permissions.ProvisionManage)
            .WithSummary("Lift the stop at the person's request (withdrawn entries stay withdrawn)");
        provision.MapPost("/without-consent", RequestAsync).RequirePermission(Permissions.ProvisionManage).WithSummary("Ask for a provision without consent on one of the policy's grounds");
        provision.MapGet("/without-consent", async (WithoutConsent withoutConsent, CancellationToken ct) =>
            Results.Ok(new { requests = await withoutConsent.PendingAsync(ct) })).RequirePermission(Permissions.ProvisionManage).WithSummary("Provisions without consent awaiting approval");
        provision.MapPost("/without-consent/{id:guid}/approve", ApproveAsync).RequirePermission(Permissions.ProvisionApprove)
            .WithSummary("Approve a provision without consent (not by its requester): the approved items are released through the gate");
        provision.MapPost("/without-consent/{id:guid}/reject", RejectAsync).RequirePermission(Permissions.ProvisionApprove).WithSummary("Reject a provision without consent (not by its requester): nothing is released");
        return provision;
    }

    private static async Task<IResult> StopAsync(StopBody body, HttpContext http, ProvisionStops stops, CancellationToken ct) =>
        body.PersonId is not { } personId
            ? Problems.Required("personId").ToProblem()
            : (await stops.StopAsync(http.User.ToActor(), personId, ct)).ToResult(withdrawn => Results.Ok(new { personId, provisionStopped = true, entriesWithdrawn = withdrawn }));

    private static async Task<IResult> RequestAsync(WithoutConsentBody body, HttpContext http, WithoutConsent withoutConsent, CancellationToken ct)
    {
        if (body.PersonId is not { } personId)
        {
            return Problems.Required("personId").ToProblem();
        }

        var result = await withoutConsent.RequestAsync(http.User.ToActor(),
            new WithoutConsentRequest(personId, body.Recipient, body.Ground, body.Reason, body.AuthorityReference, body.Items, body.Method), ct);
        return result.ToResult(r => Results.Created($"/api/v1/provision/without-consent/{r.Id}", new { requestId = r.Id, state = r.State }));
    }

    private static async Task<IResult> ApproveAsync(Guid id, HttpContext http, WithoutConsent withoutConsent, CancellationToken ct) =>
        (await withoutConsent.ApproveAsync(http.User.ToActor(), id, ct))
            .ToResult(r => Results.Ok(new { provisionRecordId = r.Record.Id, r.Record.Ground, r.Record.ApprovedBy, r.Record.RecipientName, items = r.Items }));

    private static async Task<IResult> RejectAsync(Guid id, HttpContext http, WithoutConsent withoutConsent, CancellationToken ct) =>
        (await withoutConsent.RejectAsync(http.User.ToActor(), id, ct)).ToResult(r => Results.Ok(new { requestId = r.Id, state = r.State, r.RejectedBy }));
}

internal sealed record StopBody(Guid? PersonId);

internal sealed record WithoutConsentBody(Guid? PersonId, string? Recipient, string? Ground, string? Reason, string? AuthorityReference, List<string>? Items, string? Method);
