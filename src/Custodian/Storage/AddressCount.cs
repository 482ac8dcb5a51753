using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custodian.Storage;

/// <summary>The row of one limit and address: its digest, its window's end (Unix milliseconds, the same on both providers), the uses counted.</summary>
internal sealed class AddressCount
{
    public string Key { get; set; } = "";

    public long WindowEnds { get; set; }

    public long Count { get; set; }
}

internal sealed class AddressCountConfiguration : IEntityTypeConfiguration<AddressCount>
{
    public void Configure(EntityTypeBuilder<AddressCount> builder)
    {
        builder.ToTable("storage_address_counts");
        builder.HasKey(c => c.Key);
    }
}
