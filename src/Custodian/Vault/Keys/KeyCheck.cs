using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custodian.Vault.Keys;

/// <summary>
/// A value only the key-encryption key produces, stored beside the data it protects: a start with a different key
/// (a flipped bit, another deployment's file) is refused before anything is sealed under it. Row <see cref="RowId"/>
/// holds the active key's check; while a rotation runs, row <see cref="RotationRowId"/> holds the check of the key it
/// rotates to and, in <see cref="KeyId"/>, the ids of the keys it retires, until the last data key is re-wrapped.
/// </summary>
internal sealed class KeyCheck
{
    public const int RowId = 1;
    public const int RotationRowId = 2;

    public int Id { get; set; }

    public string KeyId { get; set; } = "";

    /// <summary>HMAC-SHA256 of a fixed label under the sub-key "key-check": it says nothing about the key itself.</summary>
    public byte[] Check { get; set; } = [];

    public DateTime CreatedAt { get; set; }
}

internal sealed class KeyCheckConfiguration : IEntityTypeConfiguration<KeyCheck>
{
    public void Configure(EntityTypeBuilder<KeyCheck> builder)
    {
        builder.ToTable("vault_key_check");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.KeyId).IsRequired();
    }
}
