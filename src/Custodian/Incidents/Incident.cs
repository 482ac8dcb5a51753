using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custodian.Incidents;

/// <summary>
/// One leak (or suspected leak) of personal data, from the day it was learned of to its closing. The register keeps
/// ids and the office's own words; persons are named only by id in <see cref="IncidentPerson"/>.
/// </summary>
public sealed class Incident
{
    public Guid Id { get; set; }
    /// <summary>A running number the office quotes ("incident 7"), never reused.</summary>
    public int Number { get; set; }
    /// <summary>When the operator learned of it (APPI's 「知った」): the deadlines count from this instant's date in Japan.</summary>
    public DateTime LearnedAt { get; set; }
    /// <summary>How it was learned of: a report from a person, a consignee, a detection hook, staff.</summary>
    public string LearnedHow { get; set; } = "";
    /// <summary>The staff account that learned of it (or registered it).</summary>
    public Guid LearnedBy { get; set; }
    /// <summary>What happened, in the office's words.</summary>
    public string Summary { get; set; } = "";
    public IncidentCause Cause { get; set; }
    public IncidentStatus Status { get; set; }
    /// <summary>Policy ids concerned, comma separated.</summary>
    public string Policies { get; set; } = "";
    /// <summary>Data items involved as <c>policy/item</c>, comma separated; every one is an item of a policy concerned.</summary>
    public string Items { get; set; } = "";
    /// <summary>Containment taken so far, in the office's words; actions taken through Custodian are in the timeline too.</summary>
    public string Containment { get; set; } = "";
    /// <summary>How many persons are affected (or may be); null until counted.</summary>
    public int? AffectedCount { get; set; }
    /// <summary>Whether the leaked copy was under advanced encryption (Enforcement Rule Art. 7 exclusion).</summary>
    public bool Encrypted { get; set; }
    /// <summary>Which keys were exposed with the copy (see <see cref="ExposedKeys"/>).</summary>
    public ExposedKeys KeysExposed { get; set; }
    /// <summary>The office's decision over the computed assessment: true reportable, false not; null follows the rule.</summary>
    public bool? ReportableOverride { get; set; }
    public string? OverrideReason { get; set; }
    /// <summary>When the preliminary (速報) and final (確報) reports were sent to the PPC.</summary>
    public DateTime? PreliminaryReportedAt { get; set; }
    public DateTime? FinalReportedAt { get; set; }
    /// <summary>The detection finding that opened it, when one did (e.g. <c>access-review:bulk-read:{account}:{day}</c>).</summary>
    public string? DetectedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? ClosedAt { get; set; }

    /// <summary>The policy ids concerned, as a list.</summary>
    public IReadOnlyList<string> PolicyIds => Split(Policies);

    /// <summary>The items involved, each as <c>policy/item</c>.</summary>
    public IReadOnlyList<string> ItemIds => Split(Items);

    public bool IsOpen => Status != IncidentStatus.Closed;

    internal static IReadOnlyList<string> Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>The cause classes of the PPC guideline's examples (3-5-1, 3-5-3-1); wire names in <see cref="IncidentCauses"/>.</summary>
public enum IncidentCause
{
    /// <summary>誤送付・誤交付・誤公開: sent, handed or published to the wrong party by mistake.</summary>
    Error = 0,
    /// <summary>紛失・盗難: a medium or document lost or stolen.</summary>
    LossOrTheft = 1,
    /// <summary>不正アクセス: intrusion, malware, ransomware.</summary>
    UnauthorizedAccess = 2,
    /// <summary>不正の目的: an insider's or third party's wrongful taking or use, other than the above.</summary>
    WrongfulPurpose = 3,
    /// <summary>ウェブスキミング: input on a web form captured by a planted script.</summary>
    WebSkimming = 4,
    Other = 5,
}

/// <summary>Where an incident stands; an incident is closed only when no report is due.</summary>
public enum IncidentStatus
{
    Suspected = 0,
    Confirmed = 1,
    ReportedPreliminary = 2,
    ReportedFinal = 3,
    Closed = 4,
}

/// <summary>Which keys left with a leaked copy of encrypted data: the advanced-encryption exclusion needs the keys kept safe.</summary>
public enum ExposedKeys
{
    /// <summary>Not known yet.</summary>
    Unknown = 0,
    /// <summary>No key: neither the key-encryption key nor the per-person key files.</summary>
    None = 1,
    /// <summary>The per-person data keys (the key files under data/keys, or the wrapped keys with their key-encryption key).</summary>
    PersonKeys = 2,
    /// <summary>The key-encryption key, which opens every wrapped person key.</summary>
    KeyEncryptionKey = 3,
}

/// <summary>One person affected by an incident, by id; an uploaded list or the audit log's answer.</summary>
public sealed class IncidentPerson
{
    public Guid IncidentId { get; set; }
    public Guid PersonId { get; set; }
    public DateTime AddedAt { get; set; }
}

/// <summary>
/// One line of an incident's timeline: every change, containment action and report, with who and when. Each line has
/// its audit event too; the audit names the incident and codes only.
/// </summary>
public sealed class IncidentEvent
{
    public Guid Id { get; set; }
    public Guid IncidentId { get; set; }
    public DateTime At { get; set; }
    /// <summary>Who acted, as the audit names them.</summary>
    public string Actor { get; set; } = "";
    /// <summary>What changed: <c>registered</c>, <c>status</c>, <c>items</c>, <c>containment:token-revoked</c>, ...</summary>
    public string Kind { get; set; } = "";
    /// <summary>A short detail in the office's words or codes (a new status, the field changed, a subject id).</summary>
    public string? Detail { get; set; }
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.ToTable("incidents");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Cause).HasConversion<string>();
        builder.Property(i => i.Status).HasConversion<string>();
        builder.Property(i => i.KeysExposed).HasConversion<string>();
        builder.HasIndex(i => i.Number).IsUnique();
        builder.HasIndex(i => i.Status);
    }
}

internal sealed class IncidentPersonConfiguration : IEntityTypeConfiguration<IncidentPerson>
{
    public void Configure(EntityTypeBuilder<IncidentPerson> builder)
    {
        builder.ToTable("incidents_persons");
        builder.HasKey(p => new { p.IncidentId, p.PersonId });
    }
}

internal sealed class IncidentEventConfiguration : IEntityTypeConfiguration<IncidentEvent>
{
    public void Configure(EntityTypeBuilder<IncidentEvent> builder)
    {
        builder.ToTable("incidents_timeline");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.HasIndex(e => new { e.IncidentId, e.At });
    }
}
