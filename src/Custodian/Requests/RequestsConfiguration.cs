using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custodian.Requests;

internal sealed class DataRequestConfiguration : IEntityTypeConfiguration<DataRequest>
{
    public void Configure(EntityTypeBuilder<DataRequest> builder)
    {
        builder.ToTable("requests_requests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Ignore(r => r.IsOpen);
        builder.HasIndex(r => r.Reference).IsUnique();
        builder.HasIndex(r => new { r.PersonId, r.Type });
        // The dashboard: open requests by due date.
        builder.HasIndex(r => new { r.State, r.DueOn });
        // The home page's figures: every column they read, so the count never visits the rows.
        builder.HasIndex(r => new { r.State, r.PolicyId, r.DueOn, r.PausedSince });
    }
}

internal sealed class RequestDocumentConfiguration : IEntityTypeConfiguration<RequestDocument>
{
    public void Configure(EntityTypeBuilder<RequestDocument> builder)
    {
        builder.ToTable("requests_documents");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.HasIndex(d => d.RequestId);
    }
}

internal sealed class RequestClockEventConfiguration : IEntityTypeConfiguration<RequestClockEvent>
{
    public void Configure(EntityTypeBuilder<RequestClockEvent> builder)
    {
        builder.ToTable("requests_clock_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.HasIndex(e => e.RequestId);
    }
}
