namespace Custodian.Staff;

/// <summary>The <c>Staff</c> section: safe management measures that an operator switches on.</summary>
public sealed class StaffOptions
{
    public const string Section = "Staff";

    /// <summary>Refuse personal data to staff without this year's training and a signed pledge. Off by default.</summary>
    public bool RequireTraining { get; set; }

    /// <summary>Days a completed training counts for.</summary>
    public int TrainingValidDays { get; set; } = 365;

    /// <summary>Addresses of reverse proxies whose X-Forwarded-For is believed; nobody else's is.</summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>Sign-in form posts allowed per client address per minute.</summary>
    public int SignInPermitsPerMinute { get; set; } = 30;

    /// <summary>A console session unused this long asks for the password and code again.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>However busy, a console session ends this long after sign-in.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Roles beyond the shipped templates, or a template's permissions replaced, by role name.</summary>
    public Dictionary<string, RoleOptions> Roles { get; set; } = new(StringComparer.Ordinal);
}
