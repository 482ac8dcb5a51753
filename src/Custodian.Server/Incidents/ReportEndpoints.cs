using Custodian.Common;
using Custodian.Incidents.Reports;
using Custodian.Server.Host;
using Custodian.Server.Staff;
using Custodian.Staff;

namespace Custodian.Server.Incidents;

/// <summary>
/// GET /api/v1/incidents/{id}/report: the draft of the preliminary or final report to the PPC with the nine items of
/// Enforcement Rule Art. 8(1), in Japanese (the one filed), English or Spanish, as JSON or PDF. Nothing is stored.
/// </summary>
internal static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapIncidentReports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/incidents/{id:guid}/report", DraftAsync)
            .WithTags("Incidents")
            .RequirePermission(Permissions.IncidentsRead)
            .WithSummary("Draft the preliminary or final report to the PPC (stage=preliminary|final, language=ja|en|es, format=json|pdf), prefilled from the incident")
            .Produces<object>(StatusCodes.Status200OK, "application/json", "application/pdf")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExample("200", "application/json", """
                {"incidentId":"3f1c2a9e-0b5d-4c1e-9a51-2f0e7d6c8b14","incidentNumber":7,"stage":"preliminary","language":"en",
                 "title":"Report of a leak of personal data (preliminary)","operator":"Leverages Co., Ltd.","draftedOn":"2026-12-08",
                 "notes":["Incident 7"],"sections":[{"number":1,"key":"overview","heading":"Overview","text":"On 2026-12-07 ..."}]}
                """)
            .WithExample("422", "application/problem+json", """
                {"type":"urn:custodian:problem:report.language","title":"One or more validation errors occurred.","status":422,
                 "detail":"The language is one of en, es, ja.","code":"report.language","field":"language",
                 "errors":{"language":["report.language: The language is one of en, es, ja."]}}
                """);
        return app;
    }

    private static async Task<IResult> DraftAsync(Guid id, string? stage, string? language, string? format, ReportDrafts drafts, CancellationToken ct)
    {
        var kind = format ?? "json";
        if (!ReportDrafts.Formats.Contains(kind))
        {
            return Failure.Invalid("format", "report.format", "The format is json or pdf.").ToProblem();
        }

        var draft = await drafts.DraftAsync(id, stage, language, "language", ct);
        if (draft.Failure is { } failure)
        {
            return failure.ToProblem();
        }

        var name = $"incident-{draft.Value!.IncidentNumber}-{draft.Value.Stage}-{draft.Value.Language}";
        return kind == "pdf"
            ? Results.File(drafts.ToPdf(draft.Value), "application/pdf", name + ".pdf")
            : Results.Text(ReportDrafts.ToJson(draft.Value), "application/json; charset=utf-8");
    }
}
