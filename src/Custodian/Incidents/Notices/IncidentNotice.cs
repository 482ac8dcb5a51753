using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custodian.Incidents.Notices;

/// <summary>How a person was told of an incident; wire names in <see cref="NoticeChannels"/>.</summary>
public enum NoticeChannel
{
    /// <summary>An e-mail queued in the outbox, to the address held in the vault.</summary>
    Email = 0,
    /// <summary>A letter to the postal address held, printed from the incident's letter batch.</summary>
    Letter = 1,
    /// <summary>Neither address is held: the public notice in force on the privacy centre stands for the individual notice.</summary>
    Public = 2,
}

/// <summary>
/// One person told of one incident: when, how, in which language, and the outbox row for an e-mail. At most one row per
/// person and incident (a unique key), so notifying again tells only those not told yet. Ids only: the address the
/// message went to is sealed in the outbox, never here.
/// </summary>
public sealed class IncidentNotice
{
    public Guid Id { get; set; }
    public Guid IncidentId { get; set; }
    public Guid PersonId { get; set; }
    public NoticeChannel Channel { get; set; }
    public string Language { get; set; } = "";
    public DateTime At { get; set; }
    /// <summary>The outbox row of an e-mail notice; the outbox says whether it was delivered.</summary>
    public Guid? OutboxId { get; set; }
    /// <summary>Who notified, as the audit names them.</summary>
    public string Actor { get; set; } = "";
}

/// <summary>
/// An incident's public notice on the privacy centre (<c>/privacy/incidents/{number}</c>), for when telling each person
/// is impractical: the office's text per language, when it was first published and whether it was withdrawn.
/// </summary>
public sealed class PublicNotice
{
    public Guid IncidentId { get; set; }
    public string? TextJa { get; set; }
    public string? TextEn { get; set; }
    public string? TextEs { get; set; }
    public DateTime PublishedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? WithdrawnAt { get; set; }

    public bool InForce => WithdrawnAt is null;

    public string? Text(string language) => language switch { "ja" => TextJa, "en" => TextEn, "es" => TextEs, _ => null };

    /// <summary>The languages it has a text in, ja, en, es in that order.</summary>
    public IReadOnlyList<string> Languages => [.. new[] { "ja", "en", "es" }.Where(l => !string.IsNullOrEmpty(Text(l)))];
}

internal sealed class IncidentNoticeConfiguration : IEntityTypeConfiguration<IncidentNotice>
{
    public void Configure(EntityTypeBuilder<IncidentNotice> builder)
    {
        builder.ToTable("incidents_notices");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Channel).HasConversion<string>();
        builder.HasIndex(n => new { n.IncidentId, n.PersonId }).IsUnique();
    }
}

internal sealed class PublicNoticeConfiguration : IEntityTypeConfiguration<PublicNotice>
{
    public void Configure(EntityTypeBuilder<PublicNotice> builder)
    {
        builder.ToTable("incidents_public_notices");
        builder.HasKey(n => n.IncidentId);
        builder.Property(n => n.IncidentId).ValueGeneratedNever();
        builder.Ignore(n => n.InForce);
        builder.Ignore(n => n.Languages);
    }
}
