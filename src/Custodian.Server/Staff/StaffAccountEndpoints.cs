using Custodian.Server.Host;
using Custodian.Staff;

namespace Custodian.Server.Staff;

/// <summary>
/// /api/v1/staff/accounts: staff accounts from joining to leaving (administrators), and /api/v1/staff/me/password
/// (every member of staff). Each endpoint's protection is its one <c>RequireAuthorization</c> line.
/// </summary>
internal static class StaffAccountEndpoints
{
    public static WebApplication MapStaffAccounts(this WebApplication app)
    {
        var accounts = app.MapGroup("/api/v1/staff/accounts").WithTags("Staff");
        accounts.MapGet("", async (StaffLifecycle s, CancellationToken ct) => Results.Ok(new { accounts = await s.ListAsync(ct) }))
            .RequirePermission(Permissions.StaffManage)
            .WithSummary("Every staff account: role, department, active or deactivated, enrolled, last sign-in");
        accounts.MapPost("", async (NewAccountBody body, HttpContext http, StaffLifecycle s, CancellationToken ct) =>
                (await s.CreateAsync(http.User.ToActor(), body.UserName, body.Role, body.DepartmentId, ct)).ToResult(c =>
                    Results.Created($"/api/v1/staff/accounts/{c.Account.Id}", new { account = c.Account, initialPassword = c.InitialPassword })))
            .RequirePermission(Permissions.StaffManage)
            .WithSummary("Create an account; its initial password is in this answer only and must be changed at the first sign-in");
        accounts.MapGet("/{id:guid}", async (Guid id, StaffLifecycle s, CancellationToken ct) => (await s.GetAsync(id, ct)).ToResult(Results.Ok))
            .RequirePermission(Permissions.StaffManage)
            .WithSummary("One staff account");
        accounts.MapPut("/{id:guid}/role", async (Guid id, RoleBody body, HttpContext http, StaffLifecycle s, CancellationToken ct) =>
                (await s.SetRoleAsync(http.User.ToActor(), id, body.Role, ct)).ToResult(Results.Ok))
            .RequirePermission(Permissions.StaffManage)
            .WithSummary("Give an account another role; its sessions end and it signs in again");
        accounts.MapPut("/{id:guid}/joint-user", async (Guid id, JointUserBody body, HttpContext http, StaffLifecycle s, CancellationToken ct) =>
                (await s.SetJointUserAsync(http.User.ToActor(), id, body.JointUser, ct)).ToResult(Results.Ok))
            .RequirePermission(Permissions.StaffManage)
            .WithSummary("Name the joint user (a member of a policy's joint use) whose staff holds the account, or none; its sessions end");
        accounts.MapPost("/{id:guid}/deactivate", async (Guid id, HttpContext http, StaffLifecycle s, CancellationToken ct) =>
                SafeManagementEndpoints.Done(await s.DeactivateAsync(http.User.ToActor(), id, ct)))
            .RequirePermission(Permissions.StaffManage)
            .WithSummary("Someone left: sessions end, devices and their API tokens are revoked, sign-in is refused");
        accounts.MapPost("/{id:guid}/reactivate", async (Guid id, HttpContext http, StaffLifecycle s, CancellationToken ct) =>
                SafeManagementEndpoints.Done(await s.ReactivateAsync(http.User.ToActor(), id, ct)))
            .RequirePermission(Permissions.StaffManage)
            .WithSummary("Sign-in works again; devices are registered and approved anew");

        app.MapPost("/api/v1/staff/me/password", ChangePasswordAsync).WithTags("Staff")
            .RequirePermission(Permissions.AccountSelf)
            .WithSummary("Change your password: the current one and a new one; your other sessions end");
        return app;
    }

    private static async Task<IResult> ChangePasswordAsync(PasswordBody body, HttpContext http, PasswordChange change, CancellationToken ct)
    {
        var failure = await change.ChangeAsync(http.User.ToActor(), ConsoleSession.SessionId(http.User), body.CurrentPassword, body.NewPassword, ct);
        if (failure is null)
        {
            await ConsoleSession.PasswordChangedAsync(http);
        }

        return SafeManagementEndpoints.Done(failure);
    }
}

internal sealed record NewAccountBody(string? UserName, string? Role, Guid? DepartmentId);

internal sealed record RoleBody(string? Role);

internal sealed record JointUserBody(string? JointUser);

internal sealed record PasswordBody(string? CurrentPassword, string? NewPassword);
