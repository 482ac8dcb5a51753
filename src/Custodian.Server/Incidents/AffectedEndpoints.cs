using Custodian.Incidents.Affected;
using Custodian.Server.Host;
using Custodian.Server.Staff;
using Custodian.Staff;

namespace Custodian.Server.Incidents;

/// <summary>
/// /api/v1/incidents/affected: the persons an actor's uses in a window reached, from the audit chain (JSON, or CSV with
/// <c>format=csv</c>), and the check of an uploaded list of person ids. Ids only: names are shown through the gate elsewhere.
/// </summary>
internal static class AffectedEndpoints
{
    public static IEndpointRouteBuilder MapIncidentAffected(this IEndpointRouteBuilder app)
    {
        var affected = app.MapGroup("/api/v1/incidents/affected").WithTags("Incidents").RequirePermission(Permissions.IncidentsRead);
        affected.MapGet("/", async (string? actor, string? from, string? to, string? format, HttpContext http, AffectedPersons persons, CancellationToken ct) =>
            {
                var list = await persons.FindAsync(http.User.ToActor(), actor, from, to, ct);
                if (list.Failure is { } failure)
                {
                    return failure.ToProblem();
                }

                if (format == "csv")
                {
                    var csv = new StringWriter();
                    await AffectedCsv.WriteAsync(list.Value!, csv, ct);
                    return Results.Text(csv.ToString(), "text/csv; charset=utf-8");
                }

                var v = list.Value!;
                return Results.Ok(new
                {
                    actor = v.Actor, from = v.From, to = v.To, count = v.Persons.Count, items = v.Items,
                    persons = v.Persons.Select(p => new { personId = p.PersonId, items = p.Items, firstAt = p.FirstAt, lastAt = p.LastAt, events = p.Events }),
                });
            })
            .WithSummary("Persons whose data an actor (staff:ID, token:ID, consignee:ID, company:ID) used in [from, to), from the audit log; format=csv for CSV");
        affected.MapPost("/person-list", async (HttpContext http, PersonIdList list, CancellationToken ct) =>
                (await list.ParseAsync(new StreamReader(http.Request.Body), ct)).ToResult(persons => Results.Ok(new
                {
                    count = persons.Count,
                    persons = persons.Select(p => new { personId = p.PersonId, erased = p.Erased }),
                })))
            .Accepts<string>("text/plain", "text/csv")
            .WithSummary("Check an uploaded list of person ids (one a line, or CSV with the ids first): every id must be a person's; nothing is stored");
        return app;
    }
}
