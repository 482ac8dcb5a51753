using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Custodian.Requests;

/// <summary>The guarded steps of the procedure other than fulfilment; each is audited with the change it makes.</summary>
internal sealed class RequestWorkflow(
    IDbContextFactory<CustodianDb> factory, RequestRecords records, RequestCrypto crypto, AuditLog audit, IOptions<RequestsOptions> options,
    IRequestNotices? notices = null)
{
    /// <summary>The reviewer confirms the documents; they are disposed of at once, as the policy says.</summary>
    public Task<Result<RequestState>> VerifyAsync(Actor actor, Guid requestId, CancellationToken cancellationToken = default) =>
        VerifyAsync(actor, requestId, method: null, cancellationToken);

    /// <summary>
    /// Under a policy that names no identity documents, the reviewer confirms the requester by one of the policy's
    /// verification methods instead (a reply from the e-mail address held, a call back), and the method is recorded.
    /// </summary>
    public Task<Result<RequestState>> VerifyAsync(Actor actor, Guid requestId, string? method, CancellationToken cancellationToken = default) =>
        ChangeAsync(requestId, async (db, request, entries) =>
        {
            if (request.PersonId is null)
            {
                return Failure.Conflict("request.person-unlinked", "Link the request to the person it concerns before verifying it.");
            }

            if (CheckMethod(records.PolicyOf(request), method) is { } invalid)
            {
                return invalid;
            }

            var documents = await db.Set<RequestDocument>().Where(d => d.RequestId == request.Id).ToListAsync(cancellationToken);
            if (request.State == RequestState.AwaitingDocuments && documents.Any(d => d.State == DocumentState.Uploaded))
            {
                return Failure.Conflict("request.documents-unreviewed", "Review every document before verifying the request.");
            }

            var missing = RequestChecklist.Missing(records.PolicyOf(request), request.Requester, documents, d => d.State == DocumentState.Accepted);
            if (request.State == RequestState.AwaitingDocuments && missing.Count > 0)
            {
                return Failure.Conflict("request.documents-missing",
                    $"The checklist still lacks: {string.Join("; ", missing.Select(l => $"a {l.Holder}'s {string.Join(" or ", l.Kinds)}"))}.");
            }

            var moved = records.Transition(request, RequestState.Verified, actor);
            if (moved.Failure is { } failure)
            {
                return failure;
            }

            if (method is not null)
            {
                request.VerificationMethod = method;
                entries.Add(RequestRecords.Entry(AuditEventType.RequestVerifiedByMethod, actor, request, items: method));
            }

            var disposed = documents.Where(d => d.Sealed is not null).ToList();
            disposed.ForEach(d => RequestDocuments.Dispose(d, records.Now));
            entries.Add(moved.Value!);
            entries.Add(RequestRecords.Entry(AuditEventType.RequestDocumentsDisposed, actor, request, $"disposed:{disposed.Count}"));
            return request.State;
        }, checkpoint: true, cancellationToken);

    private static Failure? CheckMethod(PrivacyPolicy policy, string? method)
    {
        var methods = policy.Requests.VerificationMethods;
        if (method is null)
        {
            return policy.Requests.IdentityDocuments.Count > 0
                ? null
                : Failure.Invalid("method", "request.verification-method", $"Policy {policy.Id} names no identity documents: say how the requester was confirmed, one of: {string.Join(", ", methods)}.");
        }

        return methods.Contains(method, StringComparer.Ordinal)
            ? null
            : Failure.Invalid("method", "request.verification-method", methods.Count == 0
                ? $"Policy {policy.Id} names identity documents; verify by reviewing them."
                : $"method is one of: {string.Join(", ", methods)}.");
    }

    public Task<Result<RequestState>> StartAsync(Actor actor, Guid requestId, CancellationToken cancellationToken = default) =>
        MoveAsync(actor, requestId, RequestState.InProgress, cancellationToken);

    public Task<Result<RequestState>> CloseAsync(Actor actor, Guid requestId, CancellationToken cancellationToken = default) =>
        ChangeAsync(requestId, (_, request, entries) =>
        {
            var moved = records.Transition(request, RequestState.Closed, actor);
            if (moved.Failure is { } failure)
            {
                return Task.FromResult<Result<RequestState>>(failure);
            }

            request.ClosedAt = records.Now;
            entries.Add(moved.Value!);
            return Task.FromResult<Result<RequestState>>(request.State);
        }, checkpoint: false, cancellationToken);

    /// <summary>Refusal in whole, only on the policy's grounds, with the explanation the person is sent.</summary>
    public Task<Result<RequestState>> RefuseAsync(Actor actor, Guid requestId, IReadOnlyList<string> grounds, string explanation, CancellationToken cancellationToken = default) =>
        ChangeAsync(requestId, (db, request, entries) =>
        {
            var refused = Refuse(actor, request, RequestState.Refused, grounds, explanation, entries);
            if (refused.Succeeded)
            {
                notices?.Answered(db, request);
            }

            return Task.FromResult(refused);
        }, checkpoint: false, cancellationToken);

    /// <summary>Records the refusal grounds and explanation on a request moving to refused or partly refused.</summary>
    public Result<RequestState> Refuse(Actor actor, DataRequest request, RequestState to, IReadOnlyList<string> grounds, string? explanation, List<AuditEntry> entries)
    {
        var policy = records.PolicyOf(request);
        var known = policy.Requests.RefusalGrounds.Select(g => g.Id).ToList();
        if (grounds.Count == 0 || grounds.Any(g => !known.Contains(g)))
        {
            return Failure.Invalid("grounds", "refusal.ground",
                known.Count == 0 ? $"Policy {policy.Id} states no refusal grounds, so no request under it can be refused." : $"Refuse only on the policy's grounds: {string.Join(", ", known)}.");
        }

        if (string.IsNullOrWhiteSpace(explanation) || explanation.Length > 4000)
        {
            return Failure.Invalid("explanation", "refusal.explanation", "Write the explanation of the situation and its reason (at most 4000 characters); it is sent to the person.");
        }

        var moved = records.Transition(request, to, actor);
        if (moved.Failure is { } failure)
        {
            return failure;
        }

        var form = crypto.OpenForm(request) ?? throw new InvalidOperationException("An open request without its form.");
        request.SealedForm = RequestCrypto.SealForm(request.Id, crypto.OpenKey(request), form with { RefusalExplanation = explanation.Trim() });
        request.RefusalGrounds = string.Join(',', grounds.Distinct().Order(StringComparer.Ordinal));
        request.RespondedAt = records.Now;
        entries.Add(moved.Value! with { Items = request.RefusalGrounds });
        return request.State;
    }

    /// <summary>Stops the clock while the request waits for the person (a question, a missing detail).</summary>
    public Task<Result<RequestState>> PauseAsync(Actor actor, Guid requestId, string reason, CancellationToken cancellationToken = default) =>
        ChangeAsync(requestId, (db, request, entries) =>
        {
            if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
            {
                return Task.FromResult<Result<RequestState>>(Failure.Invalid("reason", "required", "Say what the request waits for (at most 500 characters)."));
            }

            if (request.ClockStartedAt is null || request.PausedSince is not null || !request.IsOpen)
            {
                return Task.FromResult<Result<RequestState>>(Failure.Conflict("request.clock-not-running", "The deadline clock is not running, so it cannot be paused."));
            }

            db.Add(DeadlineClock.Pause(request, records.Now, reason.Trim()));
            entries.Add(RequestRecords.Entry(AuditEventType.RequestClockPaused, actor, request, "waiting-for-person"));
            return Task.FromResult<Result<RequestState>>(request.State);
        }, checkpoint: false, cancellationToken);

    public Task<Result<RequestState>> ResumeAsync(Actor actor, Guid requestId, CancellationToken cancellationToken = default) =>
        ChangeAsync(requestId, (db, request, entries) =>
        {
            if (request.PausedSince is null)
            {
                return Task.FromResult<Result<RequestState>>(Failure.Conflict("request.clock-not-paused", "The deadline clock is not paused."));
            }

            var resumed = DeadlineClock.Resume(request, records.Now, records.CalendarOf(records.PolicyOf(request)));
            if (resumed.Failure is { } failure)
            {
                return Task.FromResult<Result<RequestState>>(failure);
            }

            db.Add(resumed.Value!);
            entries.Add(RequestRecords.Entry(AuditEventType.RequestClockResumed, actor, request));
            return Task.FromResult<Result<RequestState>>(request.State);
        }, checkpoint: false, cancellationToken);

    /// <summary>An extension needs a reason; the person sees it with the new due date.</summary>
    public Task<Result<RequestState>> ExtendAsync(Actor actor, Guid requestId, int businessDays, string reason, CancellationToken cancellationToken = default) =>
        ChangeAsync(requestId, (db, request, entries) =>
        {
            if (businessDays is < 1 or > 60)
            {
                return Task.FromResult<Result<RequestState>>(Failure.Invalid("businessDays", "extension.days", "Extend by 1 to 60 business days."));
            }

            if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
            {
                return Task.FromResult<Result<RequestState>>(Failure.Invalid("reason", "required", "An extension needs a reason (at most 500 characters); the person is shown it."));
            }

            if (!request.IsOpen)
            {
                return Task.FromResult<Result<RequestState>>(Failure.Conflict("request.answered", "The request has been answered; there is no deadline left to extend."));
            }

            var extended = DeadlineClock.Extend(request, records.Now, businessDays, reason.Trim(), records.CalendarOf(records.PolicyOf(request)));
            if (extended.Failure is { } failure)
            {
                return Task.FromResult<Result<RequestState>>(failure);
            }

            db.Add(extended.Value!);
            entries.Add(RequestRecords.Entry(AuditEventType.RequestExtended, actor, request, $"days:{businessDays}"));
            return Task.FromResult<Result<RequestState>>(request.State);
        }, checkpoint: false, cancellationToken);

    /// <summary>Disposes of the forms of requests closed longer ago than the configured period: their key goes, then the form.</summary>
    public async Task<int> DisposeFormsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var before = records.Now.AddDays(-options.Value.FormRetentionDays);
        var due = await db.Set<DataRequest>()
            .Where(r => r.State == RequestState.Closed && r.SealedForm != null && r.ClosedAt <= before)
            .OrderBy(r => r.ClosedAt).Take(500).ToListAsync(cancellationToken);
        foreach (var request in due)
        {
            request.DisposeForm(records.Now);
        }

        if (due.Count > 0)
        {
            await audit.CommitAsync(db, due.ConvertAll(r => RequestRecords.Entry(AuditEventType.RequestFormDisposed, actor, r)), cancellationToken);
            await StorageMaintenance.CheckpointAsync(db, cancellationToken);
        }

        return due.Count;
    }

    private Task<Result<RequestState>> MoveAsync(Actor actor, Guid requestId, RequestState to, CancellationToken cancellationToken) =>
        ChangeAsync(requestId, (_, request, entries) =>
        {
            var moved = records.Transition(request, to, actor);
            if (moved.Failure is { } failure)
            {
                return Task.FromResult<Result<RequestState>>(failure);
            }

            entries.Add(moved.Value!);
            return Task.FromResult<Result<RequestState>>(request.State);
        }, checkpoint: false, cancellationToken);

    // Loads, applies, and commits with the audit entries only when the step succeeded: a refused step writes nothing.
    private async Task<Result<RequestState>> ChangeAsync(
        Guid requestId, Func<CustodianDb, DataRequest, List<AuditEntry>, Task<Result<RequestState>>> step, bool checkpoint, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var loaded = await RequestRecords.LoadAsync(db, requestId, cancellationToken);
        if (loaded.Failure is { } missing)
        {
            return missing;
        }

        var entries = new List<AuditEntry>();
        var result = await step(db, loaded.Value!, entries);
        if (!result.Succeeded)
        {
            return result;
        }

        loaded.Value!.UpdatedAt = records.Now;
        await audit.CommitAsync(db, entries, cancellationToken);
        if (checkpoint)
        {
            await StorageMaintenance.CheckpointAsync(db, cancellationToken);
        }

        return result;
    }
}
