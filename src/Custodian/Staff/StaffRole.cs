namespace Custodian.Staff;

/// <summary>
/// What a role may see and from where. A role with no row (or empty columns) keeps the default: every
/// category, from any network.
/// </summary>
internal sealed class StaffRole
{
    public string Role { get; set; } = "";
    /// <summary><c>category=mode</c> pairs separated by ';'. When set, a category not listed is hidden.</summary>
    public string Views { get; set; } = "";
    /// <summary>CIDR allow-list, comma separated; empty means any network.</summary>
    public string Networks { get; set; } = "";
    /// <summary>Staff of this role reach personal data and the console only from an approved device.</summary>
    public bool RequireRegisteredDevice { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A department and its information manager, who answers for the personal data it handles.</summary>
internal sealed class StaffDepartment
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public Guid? ManagerId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
