using Custodian.Staff;
using Custodian.Server.Staff;
using Custodian.Calendars;
using Custodian.Common;
using Custodian.Requests;
using Custodian.Requests.Letters;
using Custodian.Server.Host;

namespace Custodian.Server.Requests;

/// <summary>/api/v1/requests: intake, documents, the procedure's steps, the deadline dashboard and the letters.</summary>
internal static class RequestEndpoints
{
    public static WebApplication MapRequests(this WebApplication app)
    {
        var requests = app.MapGroup("/api/v1/requests").WithTags("Requests").RequirePermission(Permissions.RequestsHandle);
        requests.MapPost("/", SubmitAsync).WithSummary("Record a request (a written one, or from another system)");
        requests.MapGet("/due", DueAsync).WithSummary("Open requests by due date: due within 5 business days, at risk, overdue");
        requests.MapGet("/reminders", RemindersAsync).WithSummary("Reminders sent since a date (default: the last 7 days) for requests not yet answered");
        requests.MapGet("/{id:guid}", DetailAsync).WithSummary("A request's state, documents, deadline clock and reminders");
        requests.MapPost("/{id:guid}/person", LinkPersonAsync).WithSummary("Attach a privacy-centre request to the person it concerns");
        requests.MapPost("/{id:guid}/documents", UploadAsync).DisableAntiforgery().RequirePermission(Permissions.RequestsDocumentsReview).WithSummary("Upload an identity document (PDF, JPEG or PNG), stored sealed");
        requests.MapGet("/{id:guid}/documents/{documentId:guid}", OpenDocumentAsync).RequirePermission(Permissions.RequestsDocumentsReview).WithSummary("Open a document to review it (audited)");
        requests.MapPost("/{id:guid}/documents/{documentId:guid}/review", ReviewAsync).RequirePermission(Permissions.RequestsDocumentsReview).WithSummary("Accept or reject a document against the checklist");
        requests.MapPost("/{id:guid}/verify", (Guid id, VerifyBody? body, HttpContext http, RequestWorkflow w, CancellationToken ct) => Step(w.VerifyAsync(http.User.ToActor(), id, body?.Method, ct)))
            .WithSummary("Confirm identity; the documents are disposed of at once (a policy without identity documents: name the method used)");
        requests.MapPost("/{id:guid}/start", (Guid id, HttpContext http, RequestWorkflow w, CancellationToken ct) => Step(w.StartAsync(http.User.ToActor(), id, ct)));
        requests.MapGet("/{id:guid}/diff", DiffAsync).WithSummary("What a correction, addition or deletion would change");
        requests.MapPost("/{id:guid}/fulfil", FulfilAsync).WithSummary("Carry the request out (with grounds: partly refused)");
        requests.MapPost("/{id:guid}/refuse", RefuseAsync).WithSummary("Refuse on the policy's grounds, with the explanation sent to the person");
        requests.MapPost("/{id:guid}/close", (Guid id, HttpContext http, RequestWorkflow w, CancellationToken ct) => Step(w.CloseAsync(http.User.ToActor(), id, ct)));
        requests.MapPost("/{id:guid}/pause", (Guid id, ReasonBody body, HttpContext http, RequestWorkflow w, CancellationToken ct) =>
            Step(w.PauseAsync(http.User.ToActor(), id, body.Reason ?? "", ct))).WithSummary("Stop the clock while waiting for the person");
        requests.MapPost("/{id:guid}/resume", (Guid id, HttpContext http, RequestWorkflow w, CancellationToken ct) => Step(w.ResumeAsync(http.User.ToActor(), id, ct)));
        requests.MapPost("/{id:guid}/extend", (Guid id, ExtendBody body, HttpContext http, RequestWorkflow w, CancellationToken ct) =>
            Step(w.ExtendAsync(http.User.ToActor(), id, body.BusinessDays ?? 0, body.Reason ?? "", ct))).WithSummary("Extend the deadline, with a reason shown to the person");
        requests.MapGet("/{id:guid}/letter", (Guid id, HttpContext http, LetterWriter letters, CancellationToken ct) =>
            File(letters.LetterAsync(http.User.ToActor(), id, ct))).WithSummary("The written response as a PDF, for mailing");
        requests.MapGet("/{id:guid}/disclosure", (Guid id, HttpContext http, LetterWriter letters, CancellationToken ct) =>
            File(letters.ArchiveAsync(http.User.ToActor(), id, ct))).WithSummary("The disclosure in electronic form: a zip of JSON and CSV");
        app.MapPersonLetters();
        return app;
    }

    private static async Task<IResult> SubmitAsync(SubmitRequestBody body, HttpContext http, RequestIntake intake, CancellationToken ct)
    {
        if (!RequestRecords.TryParse(body.Requester, out Requester requester))
        {
            return Failure.Invalid("requester", "request.requester", "requester is one of person, legal-representative, deputed-representative.").ToProblem();
        }

        if (body.PersonId is null)
        {
            return Problems.Required("personId").ToProblem();
        }

        var form = new RequestForm
        {
            PersonName = body.Form?.PersonName ?? "",
            // Where the acknowledgement and later notices are mailed (docs/mail.md); optional.
            Email = body.Form?.Email,
            MailingAddress = body.Form?.MailingAddress ?? "",
            RepresentativeName = body.Form?.RepresentativeName,
            Changes = body.Form?.Changes,
            Details = body.Form?.Details,
            Purposes = body.Form?.Purposes,
        };
        var result = await intake.SubmitAsync(http.User.ToActor(), new Intake(body.Type ?? "", requester, "api", body.Language ?? "", body.PersonId, form, body.PolicyId), ct);
        return result.ToResult(r => Results.Created($"/api/v1/requests/{r.Id}", r));
    }

    private static async Task<IResult> DueAsync(string? on, RequestQueries queries, CancellationToken ct)
    {
        var day = Days.ParseOptional(on, "on");
        return day.Failure is { } failure ? failure.ToProblem() : (await queries.DueAsync(day.Value, cancellationToken: ct)).ToResult(Results.Ok);
    }

    private static async Task<IResult> RemindersAsync(string? since, RequestReminders reminders, TimeProvider time, CancellationToken ct)
    {
        var day = Days.ParseOptional(since, "since");
        if (day.Failure is { } failure)
        {
            return failure.ToProblem();
        }

        var from = day.Value is { } d ? d.ToDateTime(TimeOnly.MinValue) : time.GetUtcNow().UtcDateTime.AddDays(-7);
        return Results.Ok(await reminders.OpenAsync(from, ct));
    }

    private static async Task<IResult> DetailAsync(Guid id, RequestQueries queries, CancellationToken ct) =>
        (await queries.DetailAsync(id, ct)).ToResult(Results.Ok);

    private static async Task<IResult> LinkPersonAsync(Guid id, LinkPersonBody body, HttpContext http, RequestIntake intake, CancellationToken ct) =>
        body.PersonId is not { } personId
            ? Problems.Required("personId").ToProblem()
            : (await intake.LinkPersonAsync(http.User.ToActor(), id, personId, ct)).ToResult(p => Results.Ok(new { personId = p }));

    private static async Task<IResult> UploadAsync(Guid id, HttpContext http, RequestDocuments documents, CancellationToken ct)
    {
        var read = await DocumentForms.ReadAsync(http.Request, ct);
        if (read.Failure is { } invalid)
        {
            return invalid.ToProblem();
        }

        var result = await documents.UploadAsync(http.User.ToActor(), id, read.Value!, ct);
        return result.ToResult(documentId => Results.Created($"/api/v1/requests/{id}/documents/{documentId}", new { id = documentId }));
    }

    private static async Task<IResult> OpenDocumentAsync(Guid id, Guid documentId, HttpContext http, RequestDocuments documents, CancellationToken ct) =>
        (await documents.OpenAsync(http.User.ToActor(), id, documentId, ct)).ToResult(d => Results.File(d.Content, d.ContentType, DocumentFileName(documentId, d.ContentType)));

    // An identity document is downloaded, never shown inline: a name made of its id, nothing the requester typed.
    internal static string DocumentFileName(Guid documentId, string contentType) => $"document-{documentId:N}" + contentType switch
    {
        "application/pdf" => ".pdf",
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        _ => ".bin",
    };

    private static async Task<IResult> ReviewAsync(Guid id, Guid documentId, ReviewBody body, HttpContext http, RequestDocuments documents, CancellationToken ct) =>
        body.Accept is not { } accept
            ? Problems.Required("accept").ToProblem()
            : (await documents.ReviewAsync(http.User.ToActor(), id, documentId, accept, body.Reason, ct)).ToResult(state => Results.Ok(new { state }));

    private static async Task<IResult> DiffAsync(Guid id, HttpContext http, RequestFulfilment fulfilment, CancellationToken ct) =>
        (await fulfilment.DiffAsync(http.User.ToActor(), id, ct)).ToResult(changes => Results.Ok(new { changes }));

    private static async Task<IResult> FulfilAsync(Guid id, FulfilBody? body, HttpContext http, RequestFulfilment fulfilment, CancellationToken ct) =>
        await Step(fulfilment.FulfilAsync(http.User.ToActor(), id, body?.Grounds, body?.Explanation, ct));

    private static async Task<IResult> RefuseAsync(Guid id, FulfilBody body, HttpContext http, RequestWorkflow workflow, CancellationToken ct) =>
        await Step(workflow.RefuseAsync(http.User.ToActor(), id, body.Grounds ?? [], body.Explanation ?? "", ct));

    private static async Task<IResult> Step(Task<Result<RequestState>> step) => (await step).ToResult(state => Results.Ok(new { state }));

    private static async Task<IResult> File(Task<Result<LetterFile>> letter) =>
        (await letter).ToResult(f => Results.File(f.Content, f.ContentType, f.FileName));
}

internal sealed record SubmitRequestBody(string? Type, string? Requester, string? Language, Guid? PersonId, FormBody? Form, string? PolicyId = null);

internal sealed record FormBody(
    string? PersonName, string? MailingAddress, string? RepresentativeName, Dictionary<string, string>? Changes, string? Details, string? Email = null, List<string>? Purposes = null);

internal sealed record VerifyBody(string? Method);

internal sealed record LinkPersonBody(Guid? PersonId);

internal sealed record ReviewBody(bool? Accept, string? Reason);

internal sealed record FulfilBody(List<string>? Grounds, string? Explanation);

internal sealed record ReasonBody(string? Reason);

internal sealed record ExtendBody(int? BusinessDays, string? Reason);
