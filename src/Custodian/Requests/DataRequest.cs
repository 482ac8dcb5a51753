namespace Custodian.Requests;

/// <summary>
/// A request from a person or their attorney under the policy's "Procedures of Requests for Disclosure, etc.".
/// What identifies the requester (the Disclosure Request Form) is sealed in <see cref="SealedForm"/> with the
/// request's own data key, so disposing of the form is deleting that column.
/// </summary>
public sealed class DataRequest
{
    public Guid Id { get; set; }
    /// <summary>Shown to the person with a secret; carries no personal data.</summary>
    public string Reference { get; set; } = "";
    public byte[] SecretHash { get; set; } = [];
    public string PolicyId { get; set; } = "";
    public string PolicyVersion { get; set; } = "";
    /// <summary>A request type id of the policy (disclosure, correction, ...).</summary>
    public string Type { get; set; } = "";
    public Requester Requester { get; set; }
    /// <summary>Null while a request from the privacy centre names no person the vault holds.</summary>
    public Guid? PersonId { get; set; }
    /// <summary>Where it came in: privacy-centre, staff (a written request), api.</summary>
    public string Channel { get; set; } = "";
    public RequestState State { get; set; }
    /// <summary>ja, en or es: the language of the letters.</summary>
    public string Language { get; set; } = "";
    public DateTime ReceivedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>When the completed form and the identity documents had all arrived: the deadline counts from here.</summary>
    public DateTime? ClockStartedAt { get; set; }
    /// <summary>The response is due by the end of this local date; moves with pauses and extensions.</summary>
    public DateOnly? DueOn { get; set; }
    /// <summary>Set while the clock waits for the person.</summary>
    public DateTime? PausedSince { get; set; }
    public int ExtendedBusinessDays { get; set; }
    /// <summary>Why the deadline was extended; shown to the person on the status page.</summary>
    public string? ExtensionReason { get; set; }
    /// <summary>Refusal grounds (policy ids a–c), comma separated, when refused in whole or part.</summary>
    public string? RefusalGrounds { get; set; }
    public DateTime? RespondedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    /// <summary>How many later requests of the same type were linked to this one while it was open.</summary>
    public int LinkedRequests { get; set; }
    /// <summary>Where the policy names no identity documents: the recorded method (a term id) by which staff confirmed the requester.</summary>
    public string? VerificationMethod { get; set; }
    public string KeyId { get; set; } = "";
    public byte[] WrappedKey { get; set; } = [];
    /// <summary>The Disclosure Request Form, sealed; null once disposed of.</summary>
    public byte[]? SealedForm { get; set; }
    public DateTime? FormDisposedAt { get; set; }
    public int Version { get; set; }

    public bool IsOpen => State is not (RequestState.Fulfilled or RequestState.Refused or RequestState.PartlyRefused or RequestState.Closed);

    /// <summary>Disposes of the form: its key goes with it, so any copy of the sealed form left elsewhere is unreadable.</summary>
    public void DisposeForm(DateTime at)
    {
        SealedForm = null;
        WrappedKey = [];
        FormDisposedAt = at;
        Version++;
    }
}

public enum RequestState
{
    Received = 0,
    AwaitingDocuments = 1,
    Verified = 2,
    InProgress = 3,
    Fulfilled = 4,
    Refused = 5,
    PartlyRefused = 6,
    Closed = 7,
}

/// <summary>Who makes the request: the person, or an attorney (legal or deputed representative).</summary>
public enum Requester
{
    Person = 0,
    LegalRepresentative = 1,
    DeputedRepresentative = 2,
}

/// <summary>An uploaded document; its bytes are sealed and are disposed of as soon as the review confirms it.</summary>
public sealed class RequestDocument
{
    public Guid Id { get; set; }
    public Guid RequestId { get; set; }
    /// <summary>An identity document id of the policy, or legal-authority, or proxy.</summary>
    public string Kind { get; set; } = "";
    /// <summary>Whose document: person or representative.</summary>
    public string Holder { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Length { get; set; }
    public DocumentState State { get; set; }
    public string? RejectionReason { get; set; }
    public DateTime UploadedAt { get; set; }
    public DateTime? ReviewedAt { get; set; }
    /// <summary>When a reviewer first opened it: a document is accepted only once someone has looked at it.</summary>
    public DateTime? OpenedAt { get; set; }
    /// <summary>Null once disposed of.</summary>
    public byte[]? Sealed { get; set; }
    public DateTime? DisposedAt { get; set; }
}

public enum DocumentState
{
    Uploaded = 0,
    Accepted = 1,
    Rejected = 2,
}

/// <summary>One line of the deadline clock's history: started, paused, resumed, extended.</summary>
public sealed class RequestClockEvent
{
    public Guid Id { get; set; }
    public Guid RequestId { get; set; }
    public DateTime At { get; set; }
    public ClockEventKind Kind { get; set; }
    public int BusinessDays { get; set; }
    public string? Reason { get; set; }
    public DateOnly? DueOn { get; set; }
}

public enum ClockEventKind
{
    Started = 0,
    Paused = 1,
    Resumed = 2,
    Extended = 3,
}
