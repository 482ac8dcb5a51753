using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custodian.Staff;

/// <summary>A department's information manager has checked the access log of one period (local dates, inclusive).</summary>
internal sealed class AccessReviewSignOff
{
    public Guid Id { get; set; }
    public Guid DepartmentId { get; set; }
    public DateOnly PeriodFrom { get; set; }
    public DateOnly PeriodTo { get; set; }
    public Guid SignedBy { get; set; }
    public DateTime SignedAt { get; set; }

    public AccessReviewSignOffView View() =>
        new(Id, DepartmentId, PeriodFrom, PeriodTo, SignedBy, new DateTimeOffset(DateTime.SpecifyKind(SignedAt, DateTimeKind.Utc)));
}

internal sealed class AccessReviewSignOffConfiguration : IEntityTypeConfiguration<AccessReviewSignOff>
{
    public void Configure(EntityTypeBuilder<AccessReviewSignOff> builder)
    {
        builder.ToTable("staff_access_reviews");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasIndex(s => new { s.DepartmentId, s.PeriodFrom, s.PeriodTo }).IsUnique();
    }
}
