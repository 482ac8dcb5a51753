using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custodian.PrivacyCentre;

/// <summary>
/// One visitor's cookie choice, append-only. It names no person (a visitor is not one), so it lives here
/// rather than in the person consent ledger; its id is the receipt the visitor is shown.
/// </summary>
public sealed class CookieChoice
{
    public Guid Id { get; set; }
    public string PolicyId { get; set; } = "";
    public string PolicyVersion { get; set; } = "";
    /// <summary>Consented category ids, comma separated, strictly necessary ones included.</summary>
    public string Categories { get; set; } = "";
    /// <summary>The browser sent Global Privacy Control, which refuses advertising.</summary>
    public bool GlobalPrivacyControl { get; set; }
    /// <summary>IPv4 /24 or IPv6 /48 network, never the full address.</summary>
    public string AnonymizedIp { get; set; } = "";
    public string UserAgent { get; set; } = "";
    /// <summary>The receipt of the choice this one replaces (a change or a withdrawal).</summary>
    public Guid? Replaces { get; set; }
    /// <summary>The language the banner was shown in (ja, en, es); null for choices recorded before it was kept.</summary>
    public string? Language { get; set; }
    public DateTime At { get; set; }
}

internal sealed class CookieChoiceConfiguration : IEntityTypeConfiguration<CookieChoice>
{
    public void Configure(EntityTypeBuilder<CookieChoice> builder)
    {
        builder.ToTable("privacycentre_cookie_choices");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
    }
}
