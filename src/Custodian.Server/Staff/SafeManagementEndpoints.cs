using Custodian.Common;
using Custodian.Server.Host;
using Custodian.Staff;

namespace Custodian.Server.Staff;

/// <summary>/api/v1/staff: the safe management measures, configured by administrators only.</summary>
internal static class SafeManagementEndpoints
{

    public static WebApplication MapSafeManagement(this WebApplication app)
    {
        var staff = app.MapGroup("/api/v1/staff").WithTags("Staff").RequirePermission(Permissions.StaffManage);
        staff.MapGet("/roles", async (SafeManagement s, CancellationToken ct) => Results.Ok(new { roles = await s.ListRolesAsync(ct) }))
            .WithSummary("Each configured role's view limits and networks");
        staff.MapPut("/roles/{role}/views", async (string role, ViewsBody body, HttpContext http, SafeManagement s, CancellationToken ct) =>
                (await s.SetViewsAsync(http.User.ToActor(), role, body.Views, ct)).ToResult(Results.Ok))
            .WithSummary("Categories the role sees: visible, last-four, year-only, initials or hidden; unlisted categories are hidden, an empty map lifts the limit");
        staff.MapPut("/roles/{role}/networks", async (string role, NetworksBody body, HttpContext http, SafeManagement s, CancellationToken ct) =>
                (await s.SetRoleNetworksAsync(http.User.ToActor(), role, body.Networks, ct)).ToResult(Results.Ok))
            .WithSummary("CIDR allow-list of the role; empty allows every network");
        staff.MapPut("/accounts/{id:guid}/networks", async (Guid id, NetworksBody body, HttpContext http, SafeManagement s, CancellationToken ct) =>
                (await s.SetAccountNetworksAsync(http.User.ToActor(), id, body.Networks, ct)).ToResult(n => Results.Ok(new { networks = n })))
            .WithSummary("CIDR allow-list of one account, on top of its role's");
        staff.MapPut("/accounts/{id:guid}/training", async (Guid id, TrainingBody body, HttpContext http, SafeManagement s, CancellationToken ct) =>
                body.CompletedOn is not { } on ? Problems.Required("completedOn").ToProblem() : Done(await s.RecordTrainingAsync(http.User.ToActor(), id, on, ct)))
            .WithSummary("Record the yearly training on handling personal data");
        staff.MapPut("/accounts/{id:guid}/pledge", async (Guid id, PledgeBody body, HttpContext http, SafeManagement s, CancellationToken ct) =>
                body.SignedOn is not { } on ? Problems.Required("signedOn").ToProblem() : Done(await s.RecordPledgeAsync(http.User.ToActor(), id, on, ct)))
            .WithSummary("Record the signed confidentiality pledge");
        staff.MapPut("/accounts/{id:guid}/department", async (Guid id, AccountDepartmentBody body, HttpContext http, SafeManagement s, CancellationToken ct) =>
                body.DepartmentId is not { } d ? Problems.Required("departmentId").ToProblem() : Done(await s.AssignDepartmentAsync(http.User.ToActor(), id, d, ct)))
            .WithSummary("Place an account in a department");
        staff.MapGet("/departments", async (SafeManagement s, CancellationToken ct) => Results.Ok(new { departments = await s.ListDepartmentsAsync(ct) }));
        staff.MapPost("/departments", async (DepartmentBody body, HttpContext http, SafeManagement s, CancellationToken ct) =>
                (await s.CreateDepartmentAsync(http.User.ToActor(), body.Name, body.ManagerId, ct)).ToResult(d => Results.Created($"/api/v1/staff/departments/{d.Id}", d)))
            .WithSummary("Create a department with its information manager");
        staff.MapPut("/departments/{id:guid}/manager", async (Guid id, ManagerBody body, HttpContext http, SafeManagement s, CancellationToken ct) =>
                body.ManagerId is not { } m ? Problems.Required("managerId").ToProblem() : (await s.SetManagerAsync(http.User.ToActor(), id, m, ct)).ToResult(Results.Ok))
            .WithSummary("Name the department's information manager");
        return app;
    }

    internal static IResult Done(Failure? failure) => failure is null ? Results.NoContent() : failure.ToProblem();
}

internal sealed record ViewsBody(Dictionary<string, string>? Views);

internal sealed record NetworksBody(List<string>? Networks);

internal sealed record TrainingBody(DateOnly? CompletedOn);

internal sealed record PledgeBody(DateOnly? SignedOn);

internal sealed record AccountDepartmentBody(Guid? DepartmentId);

internal sealed record DepartmentBody(string? Name, Guid? ManagerId);

internal sealed record ManagerBody(Guid? ManagerId);
