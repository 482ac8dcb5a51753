namespace Custodian.Staff;

/// <summary>
/// Who a credential acts for. Staff work in the console and the API; services hold API tokens (a consignee's
/// credential is one); client companies' and joint users' accounts receive data and never reach staff pages.
/// </summary>
[Flags]
public enum Realm
{
    Staff = 1,
    Service = 2,
    Company = 4,
    Joint = 8,
}

/// <summary>
/// What a caller may do, named after the policy's words. Every endpoint and console page declares one; a role is
/// a set of them; an API token carries its own. Nothing is allowed that is not granted.
/// </summary>
internal static class Permissions
{
    public const string PersonsRegister = "persons.register";
    public const string PersonsSearch = "persons.search";
    public const string PersonsRead = "persons.read";
    public const string PersonsCorrect = "persons.correct";
    public const string PersonsErase = "persons.erase";
    public const string ConsentManage = "consent.manage";
    public const string ProvisionEntries = "provision.entries";
    public const string ProvisionManage = "provision.manage";
    public const string ProvisionApprove = "provision.approve";
    public const string ProvisionReceive = "provision.receive";
    public const string RequestsHandle = "requests.handle";
    public const string RequestsDocumentsReview = "requests.documents.review";
    public const string InquiriesHandle = "inquiries.handle";
    public const string AnonymizationManage = "anonymization.manage";
    public const string AnonymizationMethodRead = "anonymization.method.read";
    public const string StatisticsRead = "statistics.read";
    public const string StaffManage = "staff.manage";
    public const string DevicesApprove = "devices.approve";
    public const string AccessReviewsReview = "access-reviews.review";
    public const string AccountSelf = "account.self";
    public const string RetentionRead = "retention.read";
    public const string RetentionManage = "retention.manage";
    public const string IncidentsRead = "incidents.read";
    public const string IncidentsManage = "incidents.manage";
    public const string AuditRead = "audit.read";
    public const string MetricsRead = "metrics.read";
    public const string PolicyManage = "policy.manage";

    private const Realm StaffOrService = Realm.Staff | Realm.Service;

    /// <summary>Every permission and the realms whose credentials may hold it.</summary>
    public static readonly IReadOnlyDictionary<string, Realm> All = new Dictionary<string, Realm>(StringComparer.Ordinal)
    {
        [PersonsRegister] = StaffOrService,
        [PersonsSearch] = StaffOrService | Realm.Joint,
        [PersonsRead] = StaffOrService | Realm.Joint,
        [PersonsCorrect] = StaffOrService,
        [PersonsErase] = StaffOrService,
        [ConsentManage] = StaffOrService,
        [ProvisionEntries] = StaffOrService,
        [ProvisionManage] = StaffOrService,
        [ProvisionApprove] = Realm.Staff,
        [ProvisionReceive] = Realm.Company,
        [RequestsHandle] = StaffOrService,
        [RequestsDocumentsReview] = StaffOrService,
        [InquiriesHandle] = Realm.Staff,
        [AnonymizationManage] = StaffOrService,
        [AnonymizationMethodRead] = Realm.Staff,
        [StatisticsRead] = StaffOrService,
        [StaffManage] = Realm.Staff,
        [DevicesApprove] = Realm.Staff,
        [AccessReviewsReview] = Realm.Staff,
        [AccountSelf] = Realm.Staff,
        [RetentionRead] = StaffOrService,
        [RetentionManage] = StaffOrService,
        [IncidentsRead] = StaffOrService,
        [IncidentsManage] = StaffOrService,
        [AuditRead] = Realm.Staff,
        [MetricsRead] = StaffOrService,
        // Telling every person of a policy change is the privacy office's act, not a recruiter's.
        [PolicyManage] = Realm.Staff,
    };

    /// <summary>The first permission of <paramref name="permissions"/> that a credential of <paramref name="realm"/> may not hold, or null.</summary>
    public static Common.Failure? Check(IEnumerable<string> permissions, Realm realm, string field)
    {
        foreach (var permission in permissions)
        {
            if (!All.TryGetValue(permission, out var realms))
            {
                return Common.Failure.Invalid(field, "permission.unknown", $"'{permission}' is not a permission; known: {string.Join(", ", All.Keys)}.");
            }

            if ((realms & realm) == 0)
            {
                return Common.Failure.Invalid(field, "permission.realm", $"'{permission}' cannot be held by a {realm.ToString().ToLowerInvariant()} credential.");
            }
        }

        return null;
    }
}
