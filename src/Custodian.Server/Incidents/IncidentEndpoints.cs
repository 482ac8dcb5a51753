using System.Globalization;
using Custodian.Common;
using Custodian.Incidents;
using Custodian.Server.Host;
using Custodian.Server.Staff;
using Custodian.Staff;

namespace Custodian.Server.Incidents;

/// <summary>/api/v1/incidents: the register, its assessment, deadlines, affected persons, containment and detection.</summary>
internal static class IncidentEndpoints
{
    public const int MaxList = 500;

    public static WebApplication MapIncidents(this WebApplication app)
    {
        var incidents = app.MapGroup("/api/v1/incidents").WithTags("Incidents");
        app.MapIncidentNotices();
        incidents.MapGet("/", ListAsync).RequirePermission(Permissions.IncidentsRead)
            .WithSummary("Open incidents (all with `all=true`), newest first, each with its assessment and open report deadlines");
        incidents.MapPost("/", RegisterAsync).RequirePermission(Permissions.IncidentsManage)
            .WithSummary("Register an incident: learnedAt, learnedBy, summary and cause are required");
        incidents.MapGet("/deadlines", async (IncidentDeadlines d, CancellationToken ct) => Results.Ok((await d.OpenAsync(ct)).Select(OpenDeadlineDto.From)))
            .RequirePermission(Permissions.IncidentsRead)
            .WithSummary("Every open report deadline, soonest first");
        incidents.MapGet("/deadline-dates", Dates).RequirePermission(Permissions.IncidentsRead)
            .WithSummary("The preliminary and final report dates for a learning date (YYYY-MM-DD) and cause, as the counting rule in force says");
        incidents.MapGet("/{id:guid}", GetAsync).RequirePermission(Permissions.IncidentsRead)
            .WithSummary("One incident with its assessment, deadlines and timeline");
        incidents.MapPatch("/{id:guid}", ChangeAsync).RequirePermission(Permissions.IncidentsManage)
            .WithSummary("Change an incident's fields; fields left out stay as they are");
        incidents.MapPut("/{id:guid}/status", async (Guid id, StatusBody body, HttpContext http, IncidentRegister r, TimeProvider time, CancellationToken ct) =>
                Answer(await r.SetStatusAsync(http.User.ToActor(), id, body.Status, ct), time))
            .RequirePermission(Permissions.IncidentsManage)
            .WithSummary("Set the status: suspected, confirmed, reported-preliminary, reported-final, closed (refused while a report is due)");
        incidents.MapPut("/{id:guid}/assessment", async (Guid id, OverrideBody body, HttpContext http, IncidentRegister r, TimeProvider time, CancellationToken ct) =>
                Answer(await r.OverrideAsync(http.User.ToActor(), id, body.Reportable, body.Reason, ct), time))
            .RequirePermission(Permissions.IncidentsManage)
            .WithSummary("Override the reportable assessment with a reason (`reportable: null` withdraws the override)");
        incidents.MapGet("/{id:guid}/persons", async (Guid id, IncidentRegister r, CancellationToken ct) => Results.Ok(await r.PersonsAsync(id, ct)))
            .RequirePermission(Permissions.IncidentsRead)
            .WithSummary("The affected persons' ids");
        incidents.MapPut("/{id:guid}/persons", PersonsAsync).RequirePermission(Permissions.IncidentsManage)
            .WithSummary("Replace the affected persons with a list of person ids; the count follows");
        incidents.MapPost("/{id:guid}/containment", ContainAsync).RequirePermission(Permissions.IncidentsManage)
            .WithSummary("Take a containment step: revoke-token, revoke-consignee-credential, end-sessions, deactivate-account, suspend-company");
        incidents.MapPost("/detections", DetectAsync).RequirePermission(Permissions.IncidentsManage)
            .WithSummary("Open a suspected incident from a detection finding (bulk-read, out-of-hours, gate-refusals, failed-sign-ins), once per finding");
        app.MapIncidentAffected();
        app.MapIncidentReports();
        return app;
    }

    internal static DateOnly Today(TimeProvider time) => ReportDeadlines.LearnedOn(time.GetUtcNow().UtcDateTime);

    private static IResult Answer(Result<IncidentView> result, TimeProvider time) => result.ToResult(v => Results.Ok(IncidentDto.From(v, Today(time))));

    private static async Task<IResult> ListAsync(bool? all, IncidentRegister register, TimeProvider time, CancellationToken ct) =>
        Results.Ok((await register.ListAsync(all ?? false, MaxList, ct)).Select(v => IncidentDto.From(v, Today(time))));

    private static async Task<IResult> GetAsync(Guid id, IncidentRegister register, TimeProvider time, CancellationToken ct) =>
        Answer(await register.GetAsync(id, ct), time);

    private static async Task<IResult> RegisterAsync(IncidentBody? body, HttpContext http, IncidentRegister register, TimeProvider time, CancellationToken ct)
    {
        var input = (body ?? new IncidentBody(null, null, null, null, null, null, null, null, null, null, null)).ToInput();
        if (!input.Succeeded)
        {
            return input.Failure!.ToProblem();
        }

        return (await register.RegisterAsync(http.User.ToActor(), input.Value!, cancellationToken: ct))
            .ToResult(v => Results.Created($"/api/v1/incidents/{v.Incident.Id}", IncidentDto.From(v, Today(time))));
    }

    private static async Task<IResult> ChangeAsync(Guid id, IncidentBody? body, HttpContext http, IncidentRegister register, TimeProvider time, CancellationToken ct)
    {
        if (body is null)
        {
            return Problems.Required("body").ToProblem();
        }

        var input = body.ToInput();
        return input.Succeeded ? Answer(await register.ChangeAsync(http.User.ToActor(), id, input.Value!, ct), time) : input.Failure!.ToProblem();
    }

    private static IResult Dates(string? learned, string? cause, ReportDeadlines deadlines)
    {
        if (!DateOnly.TryParseExact(learned, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return Failure.Invalid("learned", "incident.learned", "The learning date is YYYY-MM-DD.").ToProblem();
        }

        if (!IncidentCauses.TryParse(cause, out var c))
        {
            return IncidentCauses.UnknownCause().ToProblem();
        }

        var dates = deadlines.For(day, c);
        return Results.Ok(new DeadlinesDto(IncidentDto.Day(dates.Preliminary), IncidentDto.Day(dates.Final)));
    }

    private static async Task<IResult> PersonsAsync(Guid id, PersonsBody? body, HttpContext http, IncidentRegister register, TimeProvider time, CancellationToken ct)
    {
        var ids = new List<Guid>();
        foreach (var text in body?.PersonIds ?? [])
        {
            if (!Guid.TryParse(text, out var person))
            {
                return Failure.Invalid("personIds", "incident.person-id", "Every person id is a UUID.").ToProblem();
            }

            ids.Add(person);
        }

        return body?.PersonIds is null
            ? Problems.Required("personIds").ToProblem()
            : Answer(await register.SetPersonsAsync(http.User.ToActor(), id, ids, ct), time);
    }

    private static async Task<IResult> ContainAsync(Guid id, ContainmentBody? body, HttpContext http, IncidentContainment containment, TimeProvider time, CancellationToken ct)
    {
        Guid? subject = Guid.TryParse(body?.Subject, out var s) ? s : null;
        return Answer(await containment.TakeAsync(http.User.ToActor(), id, body?.Step, subject, ct), time);
    }

    private static async Task<IResult> DetectAsync(DetectionBody? body, HttpContext http, IncidentDetection detection, TimeProvider time, CancellationToken ct)
    {
        if (body?.From is not { } from || body.To is not { } to)
        {
            return Problems.Required(body?.From is null ? "from" : "to").ToProblem();
        }

        Guid? staff = null;
        if (body.StaffId is not null)
        {
            if (!Guid.TryParse(body.StaffId, out var parsed))
            {
                return Failure.Invalid("staffId", "incident.staff-id", "The staff account is an id.").ToProblem();
            }

            staff = parsed;
        }

        var finding = new DetectionFinding(body.Kind ?? "", staff, from, to, body.Count ?? 0);
        return (await detection.OpenAsync(http.User.ToActor(), finding, ct)).ToResult(v => Results.Ok(IncidentDto.From(v, Today(time))));
    }
}
