namespace Custodian.Audit;

/// <summary>
/// One link of the tamper-evident chain. Names people, items and purposes by id, never by value.
/// </summary>
public sealed class AuditEvent
{
    public long Seq { get; set; }
    public DateTime At { get; set; }
    public AuditEventType Type { get; set; }
    public AuditOutcome Outcome { get; set; }
    /// <summary>Who acted: <c>staff:{id}</c>, <c>token:{id}</c>, <c>person:{id}</c> or <c>system</c>.</summary>
    public string Actor { get; set; } = "";
    public Guid? PersonId { get; set; }
    public string? Purpose { get; set; }
    /// <summary>Item ids, comma separated.</summary>
    public string? Items { get; set; }
    /// <summary>A rule code for refusals and other outcomes, e.g. <c>purpose.unknown</c>.</summary>
    public string? Reason { get; set; }
    /// <summary>Another record the event concerns (a token, a staff account, a request), by id.</summary>
    public string? Subject { get; set; }
    public byte[] PrevHash { get; set; } = [];
    public byte[] Hash { get; set; } = [];
}

public enum AuditOutcome
{
    Allowed = 0,
    Refused = 1,
}

/// <summary>Numbered event types; numbers are stable because they are hashed into the chain.</summary>
public enum AuditEventType
{
    PersonRegistered = 1000,
    PersonRead = 1001,
    PersonCorrected = 1002,
    ItemsAdded = 1003,
    PersonErased = 1004,
    PersonLookedUp = 1005,
    PersonsImported = 1006,
    PersonProvided = 1007,
    PersonReleased = 1008,
    PersonDisclosed = 1009,
    PersonExported = 1010,

    StaffCreated = 2000,
    StaffSignedIn = 2001,
    StaffSignInFailed = 2002,
    TotpEnrolled = 2003,
    ApiTokenCreated = 2004,
    ApiTokenUsed = 2005,
    StaffSignedOut = 2006,

    ConsentGiven = 3000,
    ConsentWithdrawn = 3001,

    // Requests from people (5000–5099).
    RequestReceived = 5000,
    RequestTransitioned = 5001,
    RequestDocumentUploaded = 5002,
    RequestDocumentReviewed = 5003,
    RequestDocumentsDisposed = 5004,
    RequestClockStarted = 5005,
    RequestClockPaused = 5006,
    RequestClockResumed = 5007,
    RequestExtended = 5008,
    RequestLinked = 5009,
    RequestFormDisposed = 5010,
    RequestLetterIssued = 5011,
    RequestDocumentViewed = 5012,
    RequestPersonLinked = 5013,
    RequestStatusViewed = 5014,
    RequestFulfilled = 5015,
}

/// <summary>What a caller asks the chain to record; sequence, time and hashes are the chain's to assign.</summary>
public sealed record AuditEntry(
    AuditEventType Type,
    string Actor,
    AuditOutcome Outcome = AuditOutcome.Allowed,
    Guid? PersonId = null,
    string? Purpose = null,
    string? Items = null,
    string? Reason = null,
    string? Subject = null);
