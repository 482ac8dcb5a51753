using Custodian.Server.Host;
using Custodian.Server.Staff;
using Custodian.Staff;
using Custodian.Vault;

namespace Custodian.Server.Vault;

/// <summary>/api/v1/persons/{id}/use-suspensions: suspend use for named purposes (or all) at the person's request, and lift it.</summary>
internal static class UseSuspensionEndpoints
{
    public static RouteGroupBuilder MapUseSuspensions(this RouteGroupBuilder persons)
    {
        persons.MapGet("/{id:guid}/use-suspensions", async (Guid id, UseSuspensions suspensions, CancellationToken ct) =>
                (await suspensions.StateAsync(id, ct)).ToResult(Results.Ok))
            .RequirePermission(Permissions.RequestsHandle).WithSummary("Whether use of the person's data is suspended, for all purposes or the ones named");
        persons.MapPost("/{id:guid}/use-suspensions", async (Guid id, SuspensionBody? body, HttpContext http, UseSuspensions suspensions, CancellationToken ct) =>
                (await suspensions.SuspendAsync(http.User.ToActor(), id, body?.Purposes, ct)).ToResult(Results.Ok))
            .RequirePermission(Permissions.RequestsHandle).WithSummary("Suspend use for the purposes named (none: every purpose); the gate refuses them at once");
        persons.MapPost("/{id:guid}/use-suspensions/lift", async (Guid id, SuspensionBody? body, HttpContext http, UseSuspensions suspensions, CancellationToken ct) =>
                (await suspensions.LiftAsync(http.User.ToActor(), id, body?.Purposes, ct)).ToResult(Results.Ok))
            .RequirePermission(Permissions.RequestsHandle).WithSummary("Lift the suspension for the purposes named (none: every purpose)");
        return persons;
    }
}

internal sealed record SuspensionBody(List<string>? Purposes);
