namespace Custodian.Provision;

/// <summary>
/// The record APPI Art. 29 asks the provider to keep: the recipient, the person, the items, the fact of consent
/// (or the ground without it) and the date. Kept at least three years; shown in the person's disclosure.
/// </summary>
internal sealed class ProvisionRecord
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public string RecipientKind { get; set; } = "";
    public Guid? CompanyId { get; set; }
    /// <summary>For provision without consent: the authority or party, by organisation name.</summary>
    public string? RecipientName { get; set; }
    public string Items { get; set; } = "";
    public string Method { get; set; } = "";
    public Guid? ConsentRecordId { get; set; }
    /// <summary>The policy's ground (a)–(i) for a provision without consent.</summary>
    public string? Ground { get; set; }
    public string? Reason { get; set; }
    public string? AuthorityReference { get; set; }
    public string RequestedBy { get; set; } = "";
    public string? ApprovedBy { get; set; }
    public string PolicyId { get; set; } = "";
    public string PolicyVersion { get; set; } = "";
    /// <summary>Shared by the records of one bulk submission for continuous provision to one recipient.</summary>
    public Guid? BatchId { get; set; }
    public DateTime ProvidedAt { get; set; }
    public DateTime KeepUntil { get; set; }
    /// <summary>For a transfer abroad: the joint user (a term of the record's policy) whose staff used the data.</summary>
    public string? JointUser { get; set; }
    /// <summary>For a transfer abroad: the recipient's country, ISO 3166-1 alpha-2.</summary>
    public string? Country { get; set; }
    /// <summary>For a transfer abroad: the purpose of use it was made for.</summary>
    public string? Purpose { get; set; }
}

internal static class RecipientKinds
{
    public const string ClientCompany = "client-company";
    public const string WithoutConsent = "without-consent";
    /// <summary>A use by the staff of a joint user abroad (APPI Art. 28).</summary>
    public const string JointUserAbroad = "joint-user-abroad";
}

/// <summary>The recipient's record of receipt (APPI Art. 30): who received which provision record, when.</summary>
internal sealed class ProvisionReceipt
{
    public Guid ProvisionRecordId { get; set; }
    public Guid CompanyId { get; set; }
    public Guid PersonId { get; set; }
    public string ReceivedBy { get; set; } = "";
    public DateTime ReceivedAt { get; set; }
}

/// <summary>A provision without consent awaiting an approver other than the requester.</summary>
internal sealed class ProvisionRequest
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public string Recipient { get; set; } = "";
    public string Ground { get; set; } = "";
    public string Reason { get; set; } = "";
    public string? AuthorityReference { get; set; }
    public string Items { get; set; } = "";
    public string Method { get; set; } = "";
    public string RequestedBy { get; set; } = "";
    public DateTime RequestedAt { get; set; }
    public string? ApprovedBy { get; set; }
    public string? RejectedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    public Guid? ProvisionRecordId { get; set; }

    public string State => ApprovedBy is not null ? "approved" : RejectedBy is not null ? "rejected" : "awaiting-approval";
}
