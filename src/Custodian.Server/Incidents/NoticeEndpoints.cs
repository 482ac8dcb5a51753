using Custodian.Common;
using Custodian.Incidents.Notices;
using Custodian.Server.Host;
using Custodian.Server.Staff;
using Custodian.Staff;

namespace Custodian.Server.Incidents;

/// <summary>
/// /api/v1/incidents/{id}/notices and /public-notice: telling the affected persons, the record of who was told when and
/// how, the letters to print, and the public notice on the privacy centre. Persons are named by id here; the console
/// shows their names through the gate.
/// </summary>
internal static class NoticeEndpoints
{
    public static IEndpointRouteBuilder MapIncidentNotices(this IEndpointRouteBuilder app)
    {
        var incident = app.MapGroup("/api/v1/incidents/{id:guid}").WithTags("Incidents");
        incident.MapPost("/notices", async (Guid id, HttpContext http, IncidentNotices notices, CancellationToken ct) =>
                (await notices.NotifyAsync(http.User.ToActor(), id, ct)).ToResult(run => Results.Ok(NoticeRunDto.From(run))))
            .RequirePermission(Permissions.IncidentsManage)
            .WithSummary("Notify the incident's listed persons not told yet: e-mail where an address is held, otherwise a letter, otherwise the public notice");
        incident.MapGet("/notices", async (Guid id, IncidentNotices notices, CancellationToken ct) =>
                (await notices.ListAsync(id, ct)).ToResult(list => Results.Ok(list.Select(NoticeDto.From))))
            .RequirePermission(Permissions.IncidentsRead)
            .WithSummary("Who was told of the incident, when, how (email, letter, public) and the outbox row of each e-mail");
        incident.MapGet("/notices/letters", async (Guid id, HttpContext http, NoticeLetters letters, CancellationToken ct) =>
                (await letters.BatchAsync(http.User.ToActor(), id, ct)).ToResult(f => Results.File(f.Content, f.ContentType, f.FileName)))
            .RequirePermission(Permissions.IncidentsManage)
            .WithSummary("The letters of the persons told by letter, one PDF each in a ZIP, read through the gate when asked for");
        incident.MapGet("/public-notice", async (Guid id, PublicNotices notices, CancellationToken ct) =>
                await notices.OfIncidentAsync(id, ct) is { } notice ? Results.Ok(PublicNoticeDto.From(notice)) : Failure.NotFound("incident.no-public-notice", "This incident has no public notice.").ToProblem())
            .RequirePermission(Permissions.IncidentsRead)
            .WithSummary("The incident's public notice, in force or withdrawn");
        incident.MapPut("/public-notice", async (Guid id, PublicNoticeBody? body, HttpContext http, PublicNotices notices, CancellationToken ct) =>
                (await notices.PublishAsync(http.User.ToActor(), id, new Dictionary<string, string?> { ["ja"] = body?.Ja, ["en"] = body?.En, ["es"] = body?.Es }, ct))
                    .ToResult(n => Results.Ok(PublicNoticeDto.From(n))))
            .RequirePermission(Permissions.IncidentsManage)
            .WithSummary("Publish the incident's public notice on the privacy centre (/privacy/incidents/{number}), or change its text: ja, en, es");
        incident.MapDelete("/public-notice", async (Guid id, HttpContext http, PublicNotices notices, CancellationToken ct) =>
                (await notices.WithdrawAsync(http.User.ToActor(), id, ct)).ToResult(n => Results.Ok(PublicNoticeDto.From(n))))
            .RequirePermission(Permissions.IncidentsManage)
            .WithSummary("Withdraw the incident's public notice from the privacy centre");
        return app;
    }
}

internal sealed record NoticeRunDto(int Emailed, int Lettered, int Public, int AlreadyNotified, IReadOnlyDictionary<string, int> Unreachable)
{
    public static NoticeRunDto From(NoticeRun run) => new(run.Emailed, run.Lettered, run.Public, run.AlreadyNotified, run.Unreachable);
}

internal sealed record NoticeDto(Guid PersonId, string Channel, string Language, DateTime At, Guid? OutboxId, string Actor)
{
    public static NoticeDto From(IncidentNotice n) => new(n.PersonId, n.Channel.Name(), n.Language, n.At, n.OutboxId, n.Actor);
}

internal sealed record PublicNoticeBody(string? Ja, string? En, string? Es);

internal sealed record PublicNoticeDto(int Number, DateTime PublishedAt, DateTime UpdatedAt, DateTime? WithdrawnAt, IReadOnlyDictionary<string, string> Texts)
{
    public static PublicNoticeDto From(PublishedNotice n) => new(n.Number, n.PublishedAt, n.UpdatedAt, n.WithdrawnAt, n.Texts);
}
