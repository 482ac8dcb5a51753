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
    PersonProvided = 1007,
    PersonReleased = 1008,
    PersonDisclosed = 1009,
    PersonExported = 1010,

    // Keys (1100–1119): key ids only, never key material.
    /// <summary>Every data key re-wrapped under a new key-encryption key; the subject names the retired and the new key ids.</summary>
    KeyRotated = 1100,

    StaffCreated = 2000,
    StaffSignedIn = 2001,
    StaffSignInFailed = 2002,
    TotpEnrolled = 2003,
    ApiTokenCreated = 2004,
    StaffSignedOut = 2006,
    ApiTokenRevoked = 2007,

    // Safe management measures: view limits, networks, training, departments (2100–2199).
    RoleViewsSet = 2100,
    RoleNetworksSet = 2101,
    AccountNetworksSet = 2102,
    TrainingRecorded = 2103,
    PledgeRecorded = 2104,
    NetworkRefused = 2105,
    DepartmentCreated = 2106,
    DepartmentManagerSet = 2107,
    StaffDepartmentSet = 2108,
    SignInThrottled = 2109,
    // Organisation and access-log review (2140–2169).
    ResponsibleManagerSet = 2140,
    AccessReviewSignedOff = 2141,
    // Staff lifecycle: role changes, deactivation, password changes (2170–2179).
    StaffRoleSet = 2170,
    StaffDeactivated = 2171,
    StaffReactivated = 2172,
    StaffPasswordChanged = 2173,

    // Sessions, recovery codes and devices (2110–2139).
    SessionExpired = 2110,
    SessionsRevoked = 2111,
    RecoveryCodesGenerated = 2112,
    RecoveryCodeUsed = 2113,
    TotpReset = 2114,
    DeviceRegistered = 2115,
    DeviceApproved = 2116,
    DeviceRevoked = 2117,
    DeviceRefused = 2118,
    RoleDevicesSet = 2119,

    ConsentGiven = 3000,
    ConsentWithdrawn = 3001,
    ConsentRefused = 3002,
    CampaignContactsExported = 3003,

    // Provision: client companies, entries, records, stops, joint use, outsourcing (4000–4099).
    ClientCompanyRegistered = 4000,
    ClientCompanyContractRecorded = 4001,
    ClientCompanySameCareRecorded = 4002,
    CompanyUserLinked = 4003,
    EntryProvisionRecorded = 4010,
    EntryRefused = 4011,
    EntryWithdrawn = 4012,
    ProvisionStopRequested = 4020,
    ProvisionWithoutConsentRequested = 4030,
    ProvisionWithoutConsentApproved = 4031,
    ProvisionWithoutConsentRefused = 4032,
    ProvisionReceived = 4040,
    ProvidedViewRefused = 4041,
    JointUseNoticeRecorded = 4050,
    ConsigneeSelected = 4060,
    ConsigneeSupervised = 4061,
    ConsigneeCredentialIssued = 4062,
    ConsigneesExported = 4063,
    ProvisionRecordsExported = 4070,
    ProvisionWithoutConsentRejected = 4080,
    ProvisionStopCleared = 4081,

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
    RequestReminderSent = 5016,
    /// <summary>A status-page reference locked after too many wrong secrets; names the request by id.</summary>
    RequestStatusLocked = 5017,

    // Console work on requests and provision details (5100–5149).
    /// <summary>Staff read a request's submitted form (decrypted with the request's key); names the request by id.</summary>
    RequestFormViewed = 5100,
    /// <summary>Staff previewed a disclosure before fulfilling it; the items read are audited by the gate.</summary>
    RequestDisclosurePreviewed = 5101,
    /// <summary>A client company's details were changed; names the company and the fields changed, never their values.</summary>
    ClientCompanyUpdated = 5102,

    // Anonymization 6000–6099.
    ReleaseCreated = 6000,
    ReleaseProvided = 6001,
    ReleaseMethodRead = 6002,
    ReleaseDownloaded = 6003,
    StatisticsComputed = 6004,

    // Privacy centre (7000-7099).
    CookieChoicesRecorded = 7000,
    InquiryReceived = 7001,
    InquiryAnswered = 7002,
    InquirySharedWithAffiliate = 7003,
    AffiliateSharingStopped = 7004,

    // Retention (8000-8099): disposal runs and the audit chain's pruning.
    /// <summary>A batch of records disposed of under a retention rule; names the disposal record and the count.</summary>
    RecordsDisposed = 8000,
    /// <summary>A disposal run finished; names the run and the total.</summary>
    RetentionRunCompleted = 8001,
    /// <summary>Events up to a signed start were pruned; names the start and the count.</summary>
    AuditChainPruned = 8002,
    // Operations: backups (9100–9109).
    /// <summary>The database was restored from a backup; names the backup's head and the anchor it replaced (<see cref="AuditRestore"/>).</summary>
    BackupRestored = 9100,
    // Incidents (9200–9299): incident ids, field names and codes only, never the office's words.
    /// <summary>An incident entered in the register; names the incident and its cause.</summary>
    IncidentRegistered = 9200,
    /// <summary>An incident's fields changed; names the incident and the fields.</summary>
    IncidentChanged = 9201,
    /// <summary>An incident's affected persons set from a list; names the incident and the count.</summary>
    IncidentPersonsSet = 9202,
    /// <summary>The reportable assessment overridden (or the override withdrawn); names the incident and the decision.</summary>
    IncidentAssessmentOverridden = 9203,
    /// <summary>An incident's status changed; names the incident and the new status.</summary>
    IncidentStatusSet = 9204,
    /// <summary>A containment step taken from an incident; names the incident and the step with its subject.</summary>
    IncidentContained = 9205,
    /// <summary>A client company's access suspended; names the company.</summary>
    ClientCompanySuspended = 9206,
    /// <summary>A client company's access restored; names the company.</summary>
    ClientCompanyReinstated = 9207,
    // Incidents: who is affected, report drafts, notices (9300–9349).
    /// <summary>The persons an actor's uses in a window reached were listed; names the actor queried and the count, not the persons.</summary>
    IncidentAffectedListed = 9300,
    // Incidents: notices to persons and public notices (9350–9379); incident ids and counts per channel, never an address or a text.
    /// <summary>Persons of an incident were notified; names the incident and the counts per channel.</summary>
    IncidentPersonsNotified = 9350,
    /// <summary>The letters of an incident's notices were made for printing; names the incident and the count.</summary>
    IncidentNoticeLettersIssued = 9351,
    /// <summary>An incident's public notice was published or its text changed; names the incident and the languages.</summary>
    IncidentNoticePublished = 9352,
    /// <summary>An incident's public notice was withdrawn from the privacy centre; names the incident.</summary>
    IncidentNoticeWithdrawn = 9353,
    // Mail (9400–9449): the outbox's deliveries and staff actions; names the outbox row, the template and the person, never an address.
    /// <summary>The SMTP server accepted a message; names the outbox row (subject) and the template (reason).</summary>
    MailSent = 9400,
    /// <summary>A message was given up after its last attempt; names the outbox row and the last error code.</summary>
    MailDead = 9401,
    /// <summary>Staff put a dead message back in the queue.</summary>
    MailRetried = 9402,
    /// <summary>A client company's notices address was set; names the company, never the address.</summary>
    MailContactSet = 9403,

    // The console (9450–9499).
    /// <summary>Staff viewed a page of the audit log; names the filters by id (person, actor), never a value.</summary>
    AuditLogViewed = 9450,
    /// <summary>Staff exported the audit log as CSV; names the filters by id and the number of events.</summary>
    AuditLogExported = 9451,

    // Policy versions (9550–9599): persons and policy versions by id only.
    /// <summary>A person agreed to the policy version in force; names the person, the policy and version (subject) and the evidence channel (reason).</summary>
    PolicyVersionAgreed = 9550,
    /// <summary>A person was told of a new policy version; names the person, the policy and version (subject) and the channel, mail or list (reason).</summary>
    PolicyChangeNotified = 9551,

    // Group requests and suspension of use (9600–9649): ids only, the purposes and methods by their policy ids.
    /// <summary>Use of the person's data was suspended; items: the purposes suspended, or * for every purpose; subject: the request, if any.</summary>
    UseSuspended = 9600,
    /// <summary>A suspension of use was lifted; items: the purposes lifted, or * for every purpose.</summary>
    UseSuspensionLifted = 9601,
    /// <summary>A request under a policy that names no identity documents was verified by a recorded method; items: the method's id.</summary>
    RequestVerifiedByMethod = 9602,

    // What the seeds name and the policy files lacked (9800–9849).
    /// <summary>Inquiry counts were computed under the policy's statistics purpose (2b); names the policy and the dimension.</summary>
    InquiryStatisticsComputed = 9800,

    // Joint users abroad (9880–9899).
    /// <summary>A staff account was named a joint user's (reason: the member's term id; none: the operator's own again); its sessions ended.</summary>
    StaffJointUserSet = 9880,

    // Follow-ups of issues 21–23 (9920–9929).
    /// <summary>An API token was named a joint user's service (reason: the member's term id; none: the operator's own again); subject: the token's id.</summary>
    ApiTokenJointUserSet = 9920,
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
