namespace Custodian.Provision;

/// <summary>A User Company: a client that receives candidates' data under a contract on the handling of personal data.</summary>
internal sealed class ClientCompany
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Free text: the policy allows every industry.</summary>
    public string Industry { get; set; } = "";
    /// <summary>ISO 3166 alpha-2, upper case.</summary>
    public string Country { get; set; } = "";
    public DateTime? ContractSignedAt { get; set; }
    /// <summary>Reference to the signed contract (file number, document id); not the document itself.</summary>
    public string? ContractDocument { get; set; }
    public DateTime? ContractExpiresAt { get; set; }
    /// <summary>When a company abroad agreed to manage the data "with the same degree of care".</summary>
    public DateTime? SameCareAgreedAt { get; set; }
    public string? SameCareDocument { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>When its access was suspended (an incident's containment); while set, it receives and sees nothing.</summary>
    public DateTime? SuspendedAt { get; set; }

    public bool ContractInForce(DateTime now) =>
        ContractSignedAt is { } signed && signed <= now && ContractExpiresAt is { } expires && expires > now;
}

/// <summary>A console account that belongs to a client company: it sees only what was provided to that company.</summary>
internal sealed class CompanyUser
{
    public Guid StaffAccountId { get; set; }
    public Guid CompanyId { get; set; }
}

internal static class ProvisionRoles
{
    /// <summary>The role of a client company's console account.</summary>
    public const string CompanyUser = Staff.RoleCatalogue.ClientCompany;
}
