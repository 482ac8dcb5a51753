using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custodian.Retention;

/// <summary>
/// What one run disposed of under one rule: the rule (kind, policy, period, basis), how many, the cut-off, when, how
/// and by whom. Ids and counts only. Written with the run's first batch and counted up with every later one, so it
/// always matches what has been committed.
/// </summary>
public sealed class DisposalRecord
{
    public Guid Id { get; set; }
    public Guid RunId { get; set; }
    public DateTime At { get; set; }
    /// <summary>The kind of record's id in policy files, e.g. <c>persons</c>.</summary>
    public string Kind { get; set; } = "";
    public string PolicyId { get; set; } = "";
    public string PolicyVersion { get; set; } = "";
    /// <summary>The period, as the policy writes it ("3 years").</summary>
    public string Keep { get; set; } = "";
    public string Basis { get; set; } = "";
    /// <summary>Records whose period counted from this instant or earlier had expired.</summary>
    public DateTime Before { get; set; }
    public string Method { get; set; } = "";
    public int Count { get; set; }
    /// <summary>Who ran it, as the audit names them (<c>system</c> for the schedule).</summary>
    public string By { get; set; } = "";
}

internal sealed class DisposalRecordConfiguration : IEntityTypeConfiguration<DisposalRecord>
{
    public void Configure(EntityTypeBuilder<DisposalRecord> builder)
    {
        builder.ToTable("retention_disposals");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasIndex(r => r.At);
    }
}
