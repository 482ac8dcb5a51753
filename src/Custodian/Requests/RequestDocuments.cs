using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Custodian.Requests;

/// <summary>
/// Identity documents: uploaded sealed, checked against the requester's checklist by a reviewer. The deadline
/// clock starts when the checklist is covered, and waits for the person while a rejected document is replaced.
/// </summary>
internal sealed class RequestDocuments(
    IDbContextFactory<CustodianDb> factory, RequestRecords records, RequestCrypto crypto, AuditLog audit, IOptions<RequestsOptions> options,
    IRequestNotices notices)
{
    public async Task<Result<Guid>> UploadAsync(Actor actor, Guid requestId, DocumentUpload upload, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var loaded = await RequestRecords.LoadAsync(db, requestId, cancellationToken);
        if (loaded.Failure is { } missing)
        {
            return missing;
        }

        var request = loaded.Value!;
        if (request.State != RequestState.AwaitingDocuments)
        {
            return Failure.Conflict("request.documents-closed", $"Documents are received while a request awaits them; this one is {RequestRecords.Name(request.State)}.");
        }

        var policy = records.PolicyOf(request);
        if (!RequestChecklist.Allows(policy, request.Requester, upload.Kind, upload.Holder))
        {
            return Failure.Invalid("kind", "document.not-in-checklist",
                $"A {upload.Holder}'s '{Short(upload.Kind)}' is not among the documents a request by a {RequestRecords.Name(request.Requester)} needs.");
        }

        if (UploadRules.Check(upload, options.Value.MaxDocumentBytes) is { } invalid)
        {
            return invalid;
        }

        var now = records.Now;
        var document = new RequestDocument
        {
            Id = Guid.CreateVersion7(new DateTimeOffset(now)),
            RequestId = request.Id,
            Kind = upload.Kind,
            Holder = upload.Holder,
            ContentType = UploadRules.Normalize(upload.ContentType),
            Length = upload.Content.Length,
            State = DocumentState.Uploaded,
            UploadedAt = now,
        };
        document.Sealed = RequestCrypto.SealDocument(document.Id, crypto.OpenKey(request), upload.Content);
        db.Add(document);
        var entries = new List<AuditEntry> { RequestRecords.Entry(AuditEventType.RequestDocumentUploaded, actor, request, $"{upload.Holder}/{upload.Kind}") };
        var documents = await db.Set<RequestDocument>().Where(d => d.RequestId == request.Id).ToListAsync(cancellationToken);
        documents.Add(document);
        if (RequestChecklist.Missing(policy, request.Requester, documents, d => d.State != DocumentState.Rejected).Count == 0)
        {
            Result<RequestClockEvent>? clock = request.ClockStartedAt is null
                ? DeadlineClock.Start(request, now, policy, records.CalendarOf(policy))
                : request.PausedSince is not null ? DeadlineClock.Resume(request, now, records.CalendarOf(policy)) : (Result<RequestClockEvent>?)null;
            if (clock?.Failure is { } outside)
            {
                return outside;
            }

            if (clock?.Value is { } started)
            {
                db.Add(started);
                entries.Add(RequestRecords.Entry(started.Kind == ClockEventKind.Started ? AuditEventType.RequestClockStarted : AuditEventType.RequestClockResumed, actor, request));
            }
        }

        request.UpdatedAt = now;
        request.Version++;
        await audit.CommitAsync(db, entries, cancellationToken);
        return document.Id;
    }

    /// <summary>The reviewer's verdict on one document. A rejected document is disposed of at once, and the clock waits for its replacement.</summary>
    public async Task<Result<DocumentState>> ReviewAsync(Actor actor, Guid requestId, Guid documentId, bool accept, string? reason, CancellationToken cancellationToken = default)
    {
        if (!accept && string.IsNullOrWhiteSpace(reason))
        {
            return Failure.Invalid("reason", "required", "Say why the document is rejected; the person is told.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var found = await FindAsync(db, requestId, documentId, cancellationToken);
        if (found.Failure is { } failure)
        {
            return failure;
        }

        var (request, document) = found.Value;
        if (document.State != DocumentState.Uploaded)
        {
            return Failure.Conflict("document.reviewed", "This document has already been reviewed.");
        }

        if (accept && document.OpenedAt is null)
        {
            return Failure.Conflict("document.not-opened", "Open the document and check it before accepting it.");
        }

        var now = records.Now;
        document.State = accept ? DocumentState.Accepted : DocumentState.Rejected;
        document.ReviewedAt = now;
        var entries = new List<AuditEntry>
        {
            RequestRecords.Entry(AuditEventType.RequestDocumentReviewed, actor, request, $"{document.Holder}/{document.Kind}", outcome: accept ? AuditOutcome.Allowed : AuditOutcome.Refused),
        };
        if (!accept)
        {
            document.RejectionReason = reason!.Length > 500 ? reason[..500] : reason;
            Dispose(document, now);
            notices.DocumentsNeeded(db, request, document.RejectionReason);
            var documents = await db.Set<RequestDocument>().Where(d => d.RequestId == request.Id).ToListAsync(cancellationToken);
            var policy = records.PolicyOf(request);
            if (request.ClockStartedAt is not null && request.PausedSince is null
                && RequestChecklist.Missing(policy, request.Requester, documents, d => d.State != DocumentState.Rejected).Count > 0)
            {
                db.Add(DeadlineClock.Pause(request, now, "document.rejected"));
                entries.Add(RequestRecords.Entry(AuditEventType.RequestClockPaused, actor, request, "document.rejected"));
            }
        }

        request.UpdatedAt = now;
        request.Version++;
        await audit.CommitAsync(db, entries, cancellationToken);
        return document.State;
    }

    /// <summary>The reviewer opens a document to check it; every opening is audited.</summary>
    public async Task<Result<(string ContentType, byte[] Content)>> OpenAsync(Actor actor, Guid requestId, Guid documentId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var found = await FindAsync(db, requestId, documentId, cancellationToken);
        if (found.Failure is { } failure)
        {
            return failure;
        }

        var (request, document) = found.Value;
        if (document.Sealed is null)
        {
            return Failure.Gone("document.disposed", "This document was disposed of after its review.");
        }

        document.OpenedAt ??= records.Now;
        await audit.CommitAsync(db, [RequestRecords.Entry(AuditEventType.RequestDocumentViewed, actor, request, $"{document.Holder}/{document.Kind}")], cancellationToken);
        return (document.ContentType, crypto.OpenDocument(request, document));
    }

    public static void Dispose(RequestDocument document, DateTime now)
    {
        document.Sealed = null;
        document.DisposedAt = now;
    }

    private static async Task<Result<(DataRequest, RequestDocument)>> FindAsync(CustodianDb db, Guid requestId, Guid documentId, CancellationToken cancellationToken)
    {
        var loaded = await RequestRecords.LoadAsync(db, requestId, cancellationToken);
        if (loaded.Failure is { } missing)
        {
            return missing;
        }

        var document = await db.Set<RequestDocument>().FirstOrDefaultAsync(d => d.Id == documentId && d.RequestId == requestId, cancellationToken);
        return document is null ? Failure.NotFound("document.unknown", "This request has no document with this id.") : (loaded.Value!, document);
    }

    private static string Short(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
