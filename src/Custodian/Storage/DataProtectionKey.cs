using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custodian.Storage;

/// <summary>
/// One ASP.NET Core Data Protection key (cookie and antiforgery encryption) as its XML, whose secret is sealed under a
/// sub-key of the key-encryption key: in the database, every server of the deployment reads the same key ring.
/// </summary>
internal sealed class DataProtectionKey
{
    public Guid Id { get; set; }

    public string FriendlyName { get; set; } = "";

    public string Xml { get; set; } = "";
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder)
    {
        builder.ToTable("host_data_protection_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.FriendlyName).IsRequired();
        builder.Property(k => k.Xml).IsRequired();
    }
}
