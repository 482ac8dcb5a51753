using Custodian.Audit;
using Custodian.Calendars;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Requests;

/// <summary>What every request command shares: loading, the guarded transitions, the policy's calendar, audit entries.</summary>
internal sealed class RequestRecords(PolicyStore policies, BusinessCalendars calendars, TimeProvider time)
{
    // received → awaiting form and documents → verified → in progress → fulfilled | refused | partly refused → closed
    private static readonly Dictionary<RequestState, RequestState[]> Next = new()
    {
        [RequestState.Received] = [RequestState.AwaitingDocuments],
        [RequestState.AwaitingDocuments] = [RequestState.Verified],
        [RequestState.Verified] = [RequestState.InProgress],
        [RequestState.InProgress] = [RequestState.Fulfilled, RequestState.Refused, RequestState.PartlyRefused],
        [RequestState.Fulfilled] = [RequestState.Closed],
        [RequestState.Refused] = [RequestState.Closed],
        [RequestState.PartlyRefused] = [RequestState.Closed],
        [RequestState.Closed] = [],
    };

    /// <summary>The states in which a request still waits for its answer, and its deadline clock matters.</summary>
    public static readonly RequestState[] Unanswered = [RequestState.Received, RequestState.AwaitingDocuments, RequestState.Verified, RequestState.InProgress];

    public DateTime Now => time.GetUtcNow().UtcDateTime;

    public static async Task<Result<DataRequest>> LoadAsync(CustodianDb db, Guid id, CancellationToken cancellationToken) =>
        await db.Set<DataRequest>().FirstOrDefaultAsync(r => r.Id == id, cancellationToken) is { } request
            ? request
            : Failure.NotFound("request.unknown", "No request has this id.");

    public PrivacyPolicy PolicyOf(DataRequest request) =>
        policies.Find(request.PolicyId) ?? throw new InvalidOperationException($"Request {request.Id} names policy {request.PolicyId}, which is not loaded.");

    public BusinessCalendar CalendarOf(PrivacyPolicy policy) =>
        calendars.Get(policy.Calendar).Value ?? throw new InvalidOperationException($"Policy {policy.Id} names calendar {policy.Calendar}, which does not exist.");

    public DateOnly Today(PrivacyPolicy policy) => CalendarOf(policy).LocalDate(time.GetUtcNow());

    public static Failure? CheckTransition(RequestState from, RequestState to) =>
        Next[from].Contains(to)
            ? null
            : Failure.Conflict("request.transition",
                $"A request that is {Name(from)} cannot become {Name(to)}; it can become: {(Next[from].Length == 0 ? "nothing" : string.Join(", ", Next[from].Select(Name)))}.");

    /// <summary>Moves the request, or says why not; the caller commits the returned audit entry with the change.</summary>
    public Result<AuditEntry> Transition(DataRequest request, RequestState to, Actor actor)
    {
        if (CheckTransition(request.State, to) is { } failure)
        {
            return failure;
        }

        var from = request.State;
        request.State = to;
        request.UpdatedAt = Now;
        request.Version++;
        return Entry(AuditEventType.RequestTransitioned, actor, request, $"{Name(from)}->{Name(to)}");
    }

    public static AuditEntry Entry(AuditEventType type, Actor actor, DataRequest request, string? reason = null, string? items = null, AuditOutcome outcome = AuditOutcome.Allowed) =>
        new(type, actor.AuditName, outcome, request.PersonId, request.Type, items, reason, request.Id.ToString());

    /// <summary>The kebab-case name used in the API, the audit chain and the pages.</summary>
    public static string Name(RequestState state) => state switch
    {
        RequestState.AwaitingDocuments => "awaiting-documents",
        RequestState.InProgress => "in-progress",
        RequestState.PartlyRefused => "partly-refused",
        _ => state.ToString().ToLowerInvariant(),
    };

    public static string Name(Requester requester) => requester switch
    {
        Requester.LegalRepresentative => "legal-representative",
        Requester.DeputedRepresentative => "deputed-representative",
        _ => "person",
    };

    public static bool TryParse(string? text, out Requester requester)
    {
        requester = text switch
        {
            "person" => Requester.Person,
            "legal-representative" => Requester.LegalRepresentative,
            "deputed-representative" => Requester.DeputedRepresentative,
            _ => (Requester)(-1),
        };
        return Enum.IsDefined(requester);
    }

    public static bool TryParse(string? text, out RequestState state)
    {
        state = Enum.GetValues<RequestState>().FirstOrDefault(s => Name(s) == text, (RequestState)(-1));
        return Enum.IsDefined(state);
    }
}
