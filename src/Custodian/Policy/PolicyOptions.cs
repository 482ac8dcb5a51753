using System.ComponentModel.DataAnnotations;

namespace Custodian.Policy;

public sealed class PolicyOptions
{
    public const string Section = "Policy";

    /// <summary>Folder holding <c>*.yaml</c> policies; relative paths resolve against the app's base folder.</summary>
    [Required]
    public string Directory { get; set; } = "policies";

    /// <summary>Policy that new registrations are made under.</summary>
    [Required]
    public string Default { get; set; } = "leverages-career-mexico";
}
