namespace Custodian.Staff;

/// <summary>A credential for a service. Only the SHA-256 of the secret is stored; the secret is shown once.</summary>
public sealed class ApiToken
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public byte[] SecretHash { get; set; } = [];
    /// <summary>Purposes of use the token is entrusted with, comma separated; empty means every purpose.</summary>
    public string Purposes { get; set; } = "";
    /// <summary>Permissions of the service realm, comma separated; empty means none: a token may do only what it was given.</summary>
    public string Permissions { get; set; } = "";
    /// <summary>The role every service token has, for the network rules that apply to services.</summary>
    public const string ServiceRole = "service";

    public string Role { get; set; } = ServiceRole;
    /// <summary>The staff account that created the token, when one did (the command line creates as the system); its deactivation revokes the token.</summary>
    public Guid? CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The joint user (a policy's term id) whose service holds the token; its reads are the joint user's (a transfer abroad where it is abroad).</summary>
    public string? JointUser { get; set; }
    public DateTime? RevokedAt { get; set; }
}
