using Microsoft.Extensions.Options;

namespace Custodian.Staff;

/// <summary>One role's realm and permissions, as configured under <c>Staff:Roles:{name}</c>.</summary>
public sealed class RoleOptions
{
    public Realm Realm { get; set; } = Realm.Staff;
    public string[] Permissions { get; set; } = [];
}

/// <summary>A role: the realm its accounts belong to and what they may do.</summary>
internal sealed record RoleGrant(string Name, Realm Realm, IReadOnlySet<string> Permissions);

/// <summary>
/// The roles of the organisation the policy describes, as templates; <c>Staff:Roles</c> replaces a template's
/// permissions or adds a role. Checked at start: an unknown permission, or one the role's realm may not hold,
/// stops it.
/// </summary>
internal sealed class RoleCatalogue
{
    public const string Administrator = "administrator";
    public const string PrivacyOfficer = "privacy-officer";
    public const string InformationManager = "information-manager";
    public const string Recruiter = "recruiter";
    public const string RequestHandler = "request-handler";
    public const string ClientCompany = "client-company";
    public const string JointUser = "joint-user";

    private readonly Dictionary<string, RoleGrant> _roles;

    public RoleCatalogue(IOptions<StaffOptions> options)
    {
        _roles = Templates().ToDictionary(r => r.Name, StringComparer.Ordinal);
        foreach (var (name, role) in options.Value.Roles)
        {
            _roles[name] = new RoleGrant(name, role.Realm, role.Permissions.ToHashSet(StringComparer.Ordinal));
        }
    }

    public IReadOnlyCollection<RoleGrant> All => _roles.Values;

    public RoleGrant? Find(string role) => _roles.GetValueOrDefault(role);

    /// <summary>The shipped roles' names, for a command line that lists its choices before any configuration is read.</summary>
    public static IReadOnlyList<string> TemplateNames { get; } = [.. Templates().Select(r => r.Name)];

    public Common.Failure Unknown => Common.Failure.Invalid("role", "role.unknown", "A role is one of: " + string.Join(", ", _roles.Keys.Order(StringComparer.Ordinal)) + ".");

    public bool Grants(string role, string permission) => _roles.TryGetValue(role, out var r) && r.Permissions.Contains(permission);

    /// <summary>The problems of <c>Staff:Roles</c>, each naming its key; empty when every role holds only what its realm may.</summary>
    public static IEnumerable<string> Problems(StaffOptions options) =>
        from role in options.Roles
        let failure = Staff.Permissions.Check(role.Value.Permissions, role.Value.Realm, $"Staff:Roles:{role.Key}:Permissions")
        where failure is not null
        select $"{failure.Field}: {failure.Detail}";

    private static IEnumerable<RoleGrant> Templates()
    {
        static RoleGrant Role(string name, Realm realm, params string[] permissions) => new(name, realm, permissions.ToHashSet(StringComparer.Ordinal));

        yield return Role(Administrator, Realm.Staff, [.. Staff.Permissions.All.Where(p => p.Value.HasFlag(Realm.Staff)).Select(p => p.Key)]);
        yield return Role(PrivacyOfficer, Realm.Staff,
            Staff.Permissions.PersonsSearch, Staff.Permissions.PersonsRead, Staff.Permissions.PersonsCorrect, Staff.Permissions.PersonsErase,
            Staff.Permissions.ConsentManage, Staff.Permissions.ProvisionManage, Staff.Permissions.ProvisionApprove,
            Staff.Permissions.RequestsHandle, Staff.Permissions.RequestsDocumentsReview, Staff.Permissions.InquiriesHandle,
            Staff.Permissions.AnonymizationManage, Staff.Permissions.AnonymizationMethodRead, Staff.Permissions.StatisticsRead,
            Staff.Permissions.AccessReviewsReview, Staff.Permissions.DevicesApprove, Staff.Permissions.AccountSelf,
            Staff.Permissions.RetentionRead, Staff.Permissions.RetentionManage,
            Staff.Permissions.IncidentsRead, Staff.Permissions.IncidentsManage, Staff.Permissions.AuditRead, Staff.Permissions.PolicyManage);
        yield return Role(InformationManager, Realm.Staff,
            Staff.Permissions.PersonsSearch, Staff.Permissions.PersonsRead, Staff.Permissions.StatisticsRead,
            Staff.Permissions.AccessReviewsReview, Staff.Permissions.DevicesApprove, Staff.Permissions.AccountSelf,
            Staff.Permissions.IncidentsRead, Staff.Permissions.AuditRead);
        yield return Role(Recruiter, Realm.Staff,
            Staff.Permissions.PersonsRegister, Staff.Permissions.PersonsSearch, Staff.Permissions.PersonsRead, Staff.Permissions.PersonsCorrect,
            Staff.Permissions.ConsentManage, Staff.Permissions.ProvisionEntries, Staff.Permissions.AccountSelf);
        yield return Role(RequestHandler, Realm.Staff,
            Staff.Permissions.PersonsSearch, Staff.Permissions.PersonsRead, Staff.Permissions.RequestsHandle,
            Staff.Permissions.RequestsDocumentsReview, Staff.Permissions.InquiriesHandle, Staff.Permissions.AccountSelf);
        yield return Role(ClientCompany, Realm.Company, Staff.Permissions.ProvisionReceive);
        yield return Role(JointUser, Realm.Joint, Staff.Permissions.PersonsRead);
    }
}

/// <summary>Stops the start on a role that grants an unknown permission or one outside its realm, naming the key.</summary>
internal sealed class RoleOptionsValidator : IValidateOptions<StaffOptions>
{
    public ValidateOptionsResult Validate(string? name, StaffOptions options)
    {
        var problems = RoleCatalogue.Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
