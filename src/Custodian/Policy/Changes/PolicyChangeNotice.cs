using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custodian.Policy.Changes;

/// <summary>
/// One person told of one policy version: by e-mail (the outbox row) or on the operator's list. At most one row per
/// person, policy and version (a unique key), so notifying again tells only those not told yet. Ids only.
/// </summary>
public sealed class PolicyChangeNotice
{
    public const string Mail = "mail";
    public const string List = "list";

    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public string PolicyId { get; set; } = "";
    public string Version { get; set; } = "";
    /// <summary><see cref="Mail"/> or <see cref="List"/>.</summary>
    public string Channel { get; set; } = "";
    public Guid? OutboxId { get; set; }
    public DateTime At { get; set; }
    /// <summary>Who notified, as the audit names them.</summary>
    public string Actor { get; set; } = "";
}

internal sealed class PolicyChangeNoticeConfiguration : IEntityTypeConfiguration<PolicyChangeNotice>
{
    public void Configure(EntityTypeBuilder<PolicyChangeNotice> builder)
    {
        builder.ToTable("policy_change_notices");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.HasIndex(n => new { n.PersonId, n.PolicyId, n.Version }).IsUnique();
    }
}
