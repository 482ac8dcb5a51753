namespace Custodian.Provision;

/// <summary>
/// A candidate's entry for a client company. The policy deems it their agreement to provide, so it carries the
/// consent line it produced and the provision record written for it. One per person and company.
/// </summary>
internal sealed class Entry
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public Guid CompanyId { get; set; }
    public EntryState State { get; set; }
    public Guid ConsentRecordId { get; set; }
    public Guid ProvisionRecordId { get; set; }
    public DateTime EnteredAt { get; set; }
    public DateTime? WithdrawnAt { get; set; }
    /// <summary>withdrawn-by-person or provision-stopped.</summary>
    public string? WithdrawnReason { get; set; }
}

internal enum EntryState
{
    Open = 0,
    Withdrawn = 1,
}

/// <summary>What the company is told when an entry it holds is withdrawn (on a stop request or by the candidate).</summary>
internal sealed class CompanyNotice
{
    public Guid Id { get; set; }
    public Guid CompanyId { get; set; }
    public Guid EntryId { get; set; }
    public Guid PersonId { get; set; }
    public string Reason { get; set; } = "";
    public DateTime At { get; set; }
}
