using Custodian.Server.Staff;
using Custodian.Staff;
using System.Globalization;
using Custodian.Provision;
using Custodian.Server.Host;

namespace Custodian.Server.Provision;

/// <summary>/api/v1/provision/consignees and joint-use notices.</summary>
internal static class OutsourcingEndpoints
{
    public static WebApplication MapOutsourcing(this WebApplication app)
    {
        var consignees = app.MapGroup("/api/v1/provision/consignees").WithTags("Provision").RequirePermission(Permissions.ProvisionManage);
        consignees.MapPost("/", SelectAsync).WithSummary("Select a consignee against the checklist, with the purposes and items entrusted");
        consignees.MapPost("/{id:guid}/supervisions", SuperviseAsync).WithSummary("Record a supervision of a consignee");
        consignees.MapPost("/{id:guid}/credential", IssueAsync).WithSummary("Issue the consignee's API credential (shown once), limited to what was entrusted");
        consignees.MapGet("/", async (Consignees consignees, CancellationToken ct) => Results.Ok(new { consignees = await consignees.ListAsync(ct) }))
            .WithSummary("The consignees with their supervision records");
        consignees.MapGet("/export", ExportAsync).WithSummary("The consignee list as CSV, for supervision");

        var jointUse = app.MapGroup("/api/v1/provision/joint-use").WithTags("Provision").RequirePermission(Permissions.ProvisionManage);
        jointUse.MapPost("/notices", NoticeAsync).WithSummary("Record the advance notice of a change of joint users, items or purposes");
        jointUse.MapGet("/notices", async (string? policyId, JointUseNotices notices, Custodian.Policy.PolicyStore store, CancellationToken ct) =>
            Results.Ok(new { notices = await notices.ListAsync(policyId ?? store.Default.Id, ct) }));
        return app;
    }

    private static async Task<IResult> SelectAsync(ConsigneeBody body, HttpContext http, Consignees consignees, CancellationToken ct) =>
        (await consignees.SelectAsync(http.User.ToActor(), new ConsigneeSelection(body.Name, body.Purposes, body.Items, body.Checklist), ct))
            .ToResult(c => Results.Created($"/api/v1/provision/consignees/{c.Id}", c));

    private static async Task<IResult> SuperviseAsync(Guid id, SupervisionBody body, HttpContext http, Consignees consignees, CancellationToken ct) =>
        body.Satisfactory is not { } satisfactory
            ? Problems.Required("satisfactory").ToProblem()
            : (await consignees.SuperviseAsync(http.User.ToActor(), id, satisfactory, body.Findings, ct)).ToResult(s => Results.Created($"/api/v1/provision/consignees/{id}", s));

    private static async Task<IResult> IssueAsync(Guid id, HttpContext http, Consignees consignees, CancellationToken ct) =>
        (await consignees.IssueCredentialAsync(http.User.ToActor(), id, ct)).ToResult(secret => Results.Ok(new { secret }));

    private static async Task<IResult> ExportAsync(HttpContext http, Consignees consignees, CancellationToken ct)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        await consignees.ExportCsvAsync(http.User.ToActor(), writer, ct);
        return Results.Text(writer.ToString(), "text/csv");
    }

    private static async Task<IResult> NoticeAsync(JointUseNoticeBody body, HttpContext http, JointUseNotices notices, CancellationToken ct) =>
        (await notices.RecordAsync(http.User.ToActor(), body.PolicyId, body.Change, body.EffectiveOn, ct)).ToResult(n => Results.Created("/api/v1/provision/joint-use/notices", n));
}

internal sealed record ConsigneeBody(string? Name, List<string>? Purposes, List<string>? Items, List<string>? Checklist);

internal sealed record SupervisionBody(bool? Satisfactory, string? Findings);

internal sealed record JointUseNoticeBody(string? PolicyId, string? Change, DateOnly? EffectiveOn);
