using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custodian.Anonymization;

/// <summary>A release of anonymized processed information: what it contains and how it came about, without its rows.</summary>
public sealed class AnonymizedRelease
{
    public Guid Id { get; set; }
    public DateTime CreatedAt { get; set; }
    public string PolicyId { get; set; } = "";
    public string PolicyVersion { get; set; } = "";
    /// <summary>Item ids released, comma separated.</summary>
    public string Items { get; set; } = "";
    public int K { get; set; }
    public double SuppressionLimit { get; set; }
    /// <summary>Generalization level per item, in the order of <see cref="Items"/>, comma separated.</summary>
    public string Transformation { get; set; } = "";
    public int PersonsConsidered { get; set; }
    public int PersonsIncluded { get; set; }
    public int PersonsRefused { get; set; }
    public int SuppressedRows { get; set; }
    public int Classes { get; set; }
    /// <summary>The release report as JSON: the five processing standards and their figures.</summary>
    public string Report { get; set; } = "";
    public string CreatedBy { get; set; } = "";
}

/// <summary>The released rows, kept apart from the processing method.</summary>
public sealed class ReleasedData
{
    public Guid ReleaseId { get; set; }
    public string Csv { get; set; } = "";
}

/// <summary>The processing method (hierarchies and parameters): readable only by roles that may see how the data was made.</summary>
public sealed class ProcessingMethod
{
    public Guid ReleaseId { get; set; }
    /// <summary>JSON: parameters, transformation and every hierarchy.</summary>
    public string Method { get; set; } = "";
}

/// <summary>A provision of a release to a recipient named in the policy, with the statement that goes with it.</summary>
public sealed class ReleaseProvision
{
    public Guid Id { get; set; }
    public Guid ReleaseId { get; set; }
    public string Recipient { get; set; } = "";
    public string Method { get; set; } = "";
    public string Statement { get; set; } = "";
    public DateTime At { get; set; }
    public string By { get; set; } = "";
}

/// <summary>One entry of the public page: the items of a release and when it was created. Entries are never changed or removed.</summary>
public sealed class PublicationEntry
{
    public Guid Id { get; set; }
    public string PolicyId { get; set; } = "";
    /// <summary>The page's version after this entry: 1 for the first release of the policy, and so on.</summary>
    public int Version { get; set; }
    public Guid ReleaseId { get; set; }
    public string Items { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

internal sealed class AnonymizedReleaseConfiguration : IEntityTypeConfiguration<AnonymizedRelease>
{
    public void Configure(EntityTypeBuilder<AnonymizedRelease> builder)
    {
        builder.ToTable("anonymization_releases");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
    }
}

internal sealed class ReleasedDataConfiguration : IEntityTypeConfiguration<ReleasedData>
{
    public void Configure(EntityTypeBuilder<ReleasedData> builder)
    {
        builder.ToTable("anonymization_released_data");
        builder.HasKey(r => r.ReleaseId);
        builder.Property(r => r.ReleaseId).ValueGeneratedNever();
    }
}

internal sealed class ProcessingMethodConfiguration : IEntityTypeConfiguration<ProcessingMethod>
{
    public void Configure(EntityTypeBuilder<ProcessingMethod> builder)
    {
        builder.ToTable("anonymization_methods");
        builder.HasKey(r => r.ReleaseId);
        builder.Property(r => r.ReleaseId).ValueGeneratedNever();
    }
}

internal sealed class ReleaseProvisionConfiguration : IEntityTypeConfiguration<ReleaseProvision>
{
    public void Configure(EntityTypeBuilder<ReleaseProvision> builder)
    {
        builder.ToTable("anonymization_provisions");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasIndex(p => p.ReleaseId);
    }
}

internal sealed class PublicationEntryConfiguration : IEntityTypeConfiguration<PublicationEntry>
{
    public void Configure(EntityTypeBuilder<PublicationEntry> builder)
    {
        builder.ToTable("anonymization_publications");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasIndex(p => new { p.PolicyId, p.Version }).IsUnique();
    }
}
