using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custodian.Vault;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("vault_persons");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => new { p.RegisteredAt, p.Id });
        builder.HasIndex(p => new { p.State, p.RegisteredAt, p.Id });
    }
}

internal sealed class PersonKeyConfiguration : IEntityTypeConfiguration<PersonKey>
{
    public void Configure(EntityTypeBuilder<PersonKey> builder)
    {
        builder.ToTable("vault_person_keys");
        builder.HasKey(k => k.PersonId);
        builder.Property(k => k.PersonId).ValueGeneratedNever();
    }
}

internal sealed class BlindIndexConfiguration : IEntityTypeConfiguration<BlindIndex>
{
    public void Configure(EntityTypeBuilder<BlindIndex> builder)
    {
        builder.ToTable("vault_blind_indexes");
        builder.HasKey(b => new { b.Kind, b.Digest, b.PersonId });
        builder.HasIndex(b => b.PersonId);
    }
}
