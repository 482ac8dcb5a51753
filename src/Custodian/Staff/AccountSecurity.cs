namespace Custodian.Staff;

/// <summary>
/// One signed-in console session. The cookie carries only its id, so it can be ended from the server: after
/// the idle timeout, at the end of its lifetime, or by "sign out everywhere".
/// </summary>
internal sealed class StaffSession
{
    public Guid Id { get; set; }
    public Guid AccountId { get; set; }
    /// <summary>The browser's user agent, cut short, so its owner can tell sessions apart.</summary>
    public string Client { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    /// <summary>Written at most once a minute, so a busy session does not write on every request.</summary>
    public DateTime LastSeenAt { get; set; }
    public DateTime? EndedAt { get; set; }
    /// <summary>Why it ended: a rule code such as <c>staff.session-idle</c>.</summary>
    public string? EndReason { get; set; }
}

/// <summary>A single-use code that stands in for a TOTP code when the authenticator is lost; only its keyed hash is kept.</summary>
internal sealed class StaffRecoveryCode
{
    public Guid Id { get; set; }
    public Guid AccountId { get; set; }
    public byte[] Hash { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime? UsedAt { get; set; }
}

/// <summary>
/// A browser registered by a member of staff, known by the SHA-256 of the random identifier in its device
/// cookie (the policy's "individual identification number", used for access management only). It counts
/// only once an administrator or the department's information manager has approved it.
/// </summary>
internal sealed class StaffDevice
{
    public Guid Id { get; set; }
    public Guid AccountId { get; set; }
    public string Name { get; set; } = "";
    public byte[] IdentifierHash { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime? ApprovedAt { get; set; }
    public Guid? ApprovedBy { get; set; }
    public DateTime? RevokedAt { get; set; }
}
