namespace Custodian.Consent;

/// <summary>One line of the append-only consent ledger: a person gave or withdrew consent to a purpose.</summary>
public sealed class ConsentRecord
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public string Purpose { get; set; } = "";
    public bool Given { get; set; }
    public string PolicyId { get; set; } = "";
    public string PolicyVersion { get; set; } = "";
    /// <summary>Where the choice was made: service-application, contact-form, privacy-centre, staff.</summary>
    public string Channel { get; set; } = "";
    /// <summary>SHA-256 of the text the person was shown, as evidence of what they agreed to.</summary>
    public string? EvidenceHash { get; set; }
    public DateTime At { get; set; }
}
