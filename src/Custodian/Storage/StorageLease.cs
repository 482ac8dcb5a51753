using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custodian.Storage;

/// <summary>The lease's row: a name, the server holding it, and until when (Unix milliseconds, the same on both providers).</summary>
internal sealed class StorageLease
{
    public string Name { get; set; } = "";

    public string Holder { get; set; } = "";

    public long ExpiresAt { get; set; }
}

internal sealed class StorageLeaseConfiguration : IEntityTypeConfiguration<StorageLease>
{
    public void Configure(EntityTypeBuilder<StorageLease> builder)
    {
        builder.ToTable("storage_leases");
        builder.HasKey(l => l.Name);
    }
}
