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
            .WithSummary("Persons whose data an actor (staff:ID, token:ID, consignee:ID, company:ID) used in [from, to), from the audit log; format=csv for CSV")
            .Produces<object>(StatusCodes.Status200OK, "application/json", "text/csv")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithExample("200", "application/json", """
                {"actor":"staff:9b2f4c1e-6d3a-4e8b-a1f0-5c7d2e9b8a63","from":"2026-11-01T00:00:00Z","to":"2026-12-01T00:00:00Z","count":1,
                 "items":["email","name"],"persons":[{"personId":"0f6d3b2a-8c41-4e7f-9d15-a2b3c4d5e6f7","items":["email","name"],
                 "firstAt":"2026-11-22T09:00:00Z","lastAt":"2026-11-22T09:14:03Z","events":2}]}
                """)
            .WithExample("422", "application/problem+json", """
                {"type":"urn:custodian:problem:window.order","title":"One or more validation errors occurred.","status":422,
                 "detail":"The window's end (to) must be after its start (from).","code":"window.order","field":"to",
                 "errors":{"to":["window.order: The window's end (to) must be after its start (from)."]}}
                """);
        affected.MapPost("/person-list", async (HttpContext http, PersonIdList list, CancellationToken ct) =>
                (await list.ParseAsync(new StreamReader(http.Request.Body), ct)).ToResult(persons => Results.Ok(new
                {
                    count = persons.Count,
                    persons = persons.Select(p => new { personId = p.PersonId, erased = p.Erased }),
                })))
            .WithTextBody("text/plain", "text/csv")
            .WithSummary("Check an uploaded list of person ids (one a line, or CSV with the ids first): every id must be a person's; nothing is stored")
            .Produces<object>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithExample("200", "application/json", """
                {"count":2,"persons":[{"personId":"0f6d3b2a-8c41-4e7f-9d15-a2b3c4d5e6f7","erased":false},
                 {"personId":"5a1e9c7b-3d2f-4b8a-b6c4-e1f2a3b4c5d6","erased":true}]}
                """)
            .WithExample("422", "application/problem+json", """
                {"type":"urn:custodian:problem:person-list.invalid","title":"One or more validation errors occurred.","status":422,
                 "detail":"line 3: not a person id; line 7: no person has this id","code":"person-list.invalid","field":"file",
                 "errors":{"file":["person-list.invalid: line 3: not a person id; line 7: no person has this id"]}}
                """);
        return app;
    }
}
