namespace Custodian.Staff;

/// <summary>
/// A member of staff who signs in to the console. The user name is staff data: it stays in this table and
/// never reaches logs or audit events, which name the account by id.
/// </summary>
internal sealed class StaffAccount
{
    public Guid Id { get; set; }
    public string UserName { get; set; } = "";
    /// <summary>ASP.NET Core Identity's PBKDF2 format, from <c>PasswordHasher&lt;StaffAccount&gt;</c>.</summary>
    public string PasswordHash { get; set; } = "";
    public string Role { get; set; } = "";
    /// <summary>The TOTP secret sealed with AES-256-GCM under the key provider's "totp" sub-key; set at enrolment.</summary>
    public byte[]? TotpSecret { get; set; }
    public bool TotpEnrolled { get; set; }
    /// <summary>The time step of the last accepted code; codes from this step or earlier are replays.</summary>
    public long TotpLastStep { get; set; }
    public int FailedCount { get; set; }
    public DateTime? LockedUntil { get; set; }
    /// <summary>CIDR allow-list of this account, comma separated; empty means the role's list alone decides.</summary>
    public string Networks { get; set; } = "";
    /// <summary>When the yearly training on handling personal data was last completed.</summary>
    public DateTime? TrainedAt { get; set; }
    /// <summary>When the confidentiality pledge (during and after employment) was signed.</summary>
    public DateTime? PledgeSignedAt { get; set; }
    public Guid? DepartmentId { get; set; }
    /// <summary>The joint-use member (a policy's term id) whose staff the holder is; null for the operator's own staff.</summary>
    public string? JointUser { get; set; }
    /// <summary>Set on an account created with an initial password: the console takes it to the password form until it is changed.</summary>
    public bool MustChangePassword { get; set; }
    /// <summary>When the account was deactivated (its holder left); the row stays so that audit events keep naming it.</summary>
    public DateTime? DeactivatedAt { get; set; }
    public DateTime? LastSignInAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>The roles a staff account may hold: the one list that create and role change check against.</summary>
internal static class StaffRoles
{
    public const string Administrator = RoleCatalogue.Administrator;
}
