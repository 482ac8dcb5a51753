using Custodian.Common;
using Custodian.Server.Host;
using Custodian.Staff;
using Microsoft.AspNetCore.Authentication;

namespace Custodian.Server.Staff;

/// <summary>
/// /api/v1/staff/me and /api/v1/staff/accounts/{id}: sessions, recovery codes, the second factor and devices.
/// Services (API tokens) have none of these, so every endpoint wants a member of staff.
/// </summary>
internal static class AccountSecurityEndpoints
{

    public static WebApplication MapAccountSecurity(this WebApplication app)
    {
        var me = app.MapGroup("/api/v1/staff/me").WithTags("Staff").RequirePermission(Permissions.AccountSelf);
        me.MapGet("/sessions", async (HttpContext http, StaffSessions s, CancellationToken ct) =>
                (await s.ListAsync(http.User.ToActor().Id, ct)).ToResult(l => Results.Ok(new { sessions = l, current = ConsoleSession.SessionId(http.User) })))
            .WithSummary("Your sessions that are still running");
        me.MapPost("/sessions/sign-out-everywhere", async (HttpContext http, StaffSessions s, CancellationToken ct) =>
            {
                var failure = await s.SignOutEverywhereAsync(http.User.ToActor(), http.User.ToActor().Id, ct);
                await http.SignOutAsync(ConsoleSession.Scheme);
                return Done(failure);
            })
            .WithSummary("End every session of your account, this one included");
        me.MapPost("/recovery-codes", async (CodeBody body, HttpContext http, StaffSignIn s, CancellationToken ct) =>
                (await s.RegenerateRecoveryCodesAsync(http.User.ToActor(), body.Code, ct)).ToResult(c => Results.Ok(new { codes = c })))
            .WithSummary("New recovery codes, after a fresh TOTP code; the old ones stop working and the new ones are shown only now");
        me.MapGet("/devices", async (HttpContext http, StaffDevices d, CancellationToken ct) =>
                (await d.ListAsync(http.User.ToActor(), http.User.ToActor().Id, DeviceRestriction.Identifier(http), ct)).ToResult(l => Results.Ok(new { devices = l })))
            .WithSummary("Your registered devices");
        me.MapPost("/devices", async (DeviceBody body, HttpContext http, StaffDevices d, CancellationToken ct) =>
                (await d.RegisterAsync(http.User.ToActor(), body.Name, body.Code, DeviceRestriction.Identifier(http), ct)).ToResult(r =>
                {
                    DeviceRestriction.Remember(http, r.Identifier);
                    return Results.Created($"/api/v1/staff/me/devices/{r.Device.Id}", r.Device);
                }))
            .WithSummary("Register this browser as a device, after a fresh TOTP code; it counts once approved");
        me.MapDelete("/devices/{id:guid}", async (Guid id, HttpContext http, StaffDevices d, CancellationToken ct) =>
                Done(await d.RevokeAsync(http.User.ToActor(), http.User.ToActor().Id, id, ct)))
            .WithSummary("Revoke one of your devices");

        var admin = app.MapGroup("/api/v1/staff").WithTags("Staff").RequirePermission(Permissions.StaffManage);
        admin.MapGet("/accounts/{id:guid}/sessions", async (Guid id, StaffSessions s, CancellationToken ct) =>
                (await s.ListAsync(id, ct)).ToResult(l => Results.Ok(new { sessions = l })))
            .WithSummary("An account's sessions that are still running");
        admin.MapPost("/accounts/{id:guid}/sessions/sign-out-everywhere", async (Guid id, HttpContext http, StaffSessions s, CancellationToken ct) =>
                Done(await s.SignOutEverywhereAsync(http.User.ToActor(), id, ct)))
            .WithSummary("End every session of an account");
        admin.MapPost("/accounts/{id:guid}/totp/reset", async (Guid id, HttpContext http, TwoStepReset r, CancellationToken ct) =>
                Done(await r.ResetAsync(http.User.ToActor(), id, ct)))
            .WithSummary("Remove an account's second factor and recovery codes and end its sessions; it enrols again at the next sign-in");
        admin.MapPut("/roles/{role}/devices", async (string role, DevicesRequiredBody body, HttpContext http, SafeManagement s, CancellationToken ct) =>
                body.Required is not { } required ? Problems.Required("required").ToProblem() : (await s.SetRoleDevicesAsync(http.User.ToActor(), role, required, ct)).ToResult(Results.Ok))
            .WithSummary("Whether staff of the role work only from registered, approved devices");

        // Administrators and the department's information manager: the service decides, so the group wants staff only.
        var approvers = app.MapGroup("/api/v1/staff/accounts/{id:guid}/devices").WithTags("Staff").RequirePermission(Permissions.DevicesApprove);
        approvers.MapGet("", async (Guid id, HttpContext http, StaffDevices d, CancellationToken ct) =>
                (await d.ListAsync(http.User.ToActor(), id, null, ct)).ToResult(l => Results.Ok(new { devices = l })))
            .WithSummary("An account's registered devices");
        approvers.MapPost("/{deviceId:guid}/approve", async (Guid id, Guid deviceId, HttpContext http, StaffDevices d, CancellationToken ct) =>
                Done(await d.ApproveAsync(http.User.ToActor(), id, deviceId, ct)))
            .WithSummary("Approve a registered device (never your own)");
        approvers.MapDelete("/{deviceId:guid}", async (Guid id, Guid deviceId, HttpContext http, StaffDevices d, CancellationToken ct) =>
                Done(await d.RevokeAsync(http.User.ToActor(), id, deviceId, ct)))
            .WithSummary("Revoke a device");
        return app;
    }

    private static IResult Done(Failure? failure) => SafeManagementEndpoints.Done(failure);
}

internal sealed record CodeBody(string? Code);

internal sealed record DeviceBody(string? Name, string? Code);

internal sealed record DevicesRequiredBody(bool? Required);
