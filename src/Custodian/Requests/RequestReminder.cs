using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custodian.Requests;

/// <summary>
/// A reminder sent to the privacy office that a request's response is due in a few business days. One per request,
/// due date and offset: a due date moved by a pause or an extension gets reminders of its own.
/// </summary>
public sealed class RequestReminder
{
    public Guid Id { get; set; }
    public Guid RequestId { get; set; }
    public DateOnly DueOn { get; set; }
    /// <summary>How many business days before <see cref="DueOn"/> it fell.</summary>
    public int BusinessDaysBefore { get; set; }
    /// <summary>The local date it fell on; later than planned when nothing ran on that day.</summary>
    public DateOnly FallsOn { get; set; }
    public DateTime SentAt { get; set; }
}

internal sealed class RequestReminderConfiguration : IEntityTypeConfiguration<RequestReminder>
{
    public void Configure(EntityTypeBuilder<RequestReminder> builder)
    {
        builder.ToTable("requests_reminders");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        // Several servers, or the command line beside a server, may look at once: the index sends each reminder once.
        builder.HasIndex(r => new { r.RequestId, r.DueOn, r.BusinessDaysBefore }).IsUnique();
        builder.HasIndex(r => r.SentAt);
    }
}
