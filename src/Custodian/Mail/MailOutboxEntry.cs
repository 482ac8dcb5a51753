using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custodian.Mail;

internal enum MailState
{
    Queued = 0,
    Sent = 1,
    Dead = 2,
}

/// <summary>
/// One message in the outbox. Staff see the template, the kind of recipient and the links; the address, subject and
/// body are sealed under the row's own data key, and both are dropped once the server has accepted the message.
/// </summary>
internal sealed class MailOutboxEntry
{
    public Guid Id { get; set; }
    public string Template { get; set; } = "";
    public string Language { get; set; } = "";
    public RecipientKind Kind { get; set; }
    public Guid? PersonId { get; set; }
    public Guid? RequestId { get; set; }
    public Guid? CompanyId { get; set; }
    public MailState State { get; set; }
    public int Attempts { get; set; }
    /// <summary>A code (smtp.550, smtp.timeout, smtp.connect …), never the server's text, which may quote the address.</summary>
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? LastAttemptAt { get; set; }
    public DateTime? SentAt { get; set; }
    public string KeyId { get; set; } = "";
    /// <summary>Empty once sent or erased: what it sealed is gone for good.</summary>
    public byte[] WrappedKey { get; set; } = [];
    public byte[]? Sealed { get; set; }
    /// <summary>Bumped by every claim, so two senders never deliver one message at once.</summary>
    public int Version { get; set; }
}

internal sealed class MailOutboxEntryConfiguration : IEntityTypeConfiguration<MailOutboxEntry>
{
    public void Configure(EntityTypeBuilder<MailOutboxEntry> builder)
    {
        builder.ToTable("mail_outbox");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.HasIndex(m => new { m.State, m.NextAttemptAt });
        builder.HasIndex(m => m.PersonId);
        builder.HasIndex(m => m.RequestId);
    }
}

/// <summary>Where a client company wants its notices: the address sealed like a message, with the language to write in.</summary>
internal sealed class MailContact
{
    /// <summary>The company's id.</summary>
    public Guid Id { get; set; }
    public string Language { get; set; } = "";
    public string KeyId { get; set; } = "";
    public byte[] WrappedKey { get; set; } = [];
    public byte[] Sealed { get; set; } = [];
    public DateTime UpdatedAt { get; set; }
}

internal sealed class MailContactConfiguration : IEntityTypeConfiguration<MailContact>
{
    public void Configure(EntityTypeBuilder<MailContact> builder)
    {
        builder.ToTable("mail_contacts");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
    }
}
