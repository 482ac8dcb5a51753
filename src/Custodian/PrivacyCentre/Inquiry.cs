using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custodian.PrivacyCentre;

/// <summary>
/// An inquiry sent through the contact form. Its words are the person's items in the vault (sealed with
/// their key); this row holds only ids and the state of the answer.
/// </summary>
public sealed class Inquiry
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public string PolicyId { get; set; } = "";
    public InquiryState State { get; set; }
    public DateTime ReceivedAt { get; set; }
    public DateTime? AnsweredAt { get; set; }
    /// <summary>The staff member who answered, as the audit names them.</summary>
    public string? AnsweredBy { get; set; }
    /// <summary>The person asked that their inquiry no longer be provided to affiliates.</summary>
    public bool AffiliateSharingStopped { get; set; }
}

public enum InquiryState
{
    Open = 0,
    Answered = 1,
}

/// <summary>A provision of an inquiry to an affiliate so it can respond, as the group policy's purpose 4 allows.</summary>
public sealed class AffiliateProvision
{
    public Guid Id { get; set; }
    public Guid InquiryId { get; set; }
    public Guid PersonId { get; set; }
    /// <summary>The affiliate company's name (a company, not a person).</summary>
    public string Affiliate { get; set; } = "";
    public string By { get; set; } = "";
    public DateTime At { get; set; }
}

internal sealed class InquiryConfiguration : IEntityTypeConfiguration<Inquiry>
{
    public void Configure(EntityTypeBuilder<Inquiry> builder)
    {
        builder.ToTable("privacycentre_inquiries");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.HasIndex(i => i.PersonId);
    }
}

internal sealed class AffiliateProvisionConfiguration : IEntityTypeConfiguration<AffiliateProvision>
{
    public void Configure(EntityTypeBuilder<AffiliateProvision> builder)
    {
        builder.ToTable("privacycentre_affiliate_provisions");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasIndex(p => p.InquiryId);
    }
}
