namespace Custodian.Server.Tests.Authorization;

/// <summary>Where an endpoint is reached from, and so which callers its permission can come from.</summary>
public enum Surface
{
    /// <summary>Anyone; a staff credential from outside its allow-list is still refused, as on every path.</summary>
    Public,
    /// <summary>The sign-in steps themselves: they answer everyone, each in its own way; only "no 5xx" is asserted.</summary>
    SignIn,
    /// <summary>The person's own request, opened on the status page with its reference and secret: no staff credential opens it.</summary>
    PersonSession,
    /// <summary>The API: a service token holding the permission, or a console session whose role grants it.</summary>
    Api,
    /// <summary>A staff console page: a console session of a staff-realm role that grants the permission.</summary>
    Console,
    /// <summary>The client companies' portal: a console session of a company-realm role that grants the permission.</summary>
    Company,
}

public sealed record Door(Surface Surface, string? Permission = null)
{
    public static readonly Door Public = new(Surface.Public);
    public static readonly Door SignIn = new(Surface.SignIn);
    public static readonly Door PersonSession = new(Surface.PersonSession);

    public static Door Api(string permission) => new(Surface.Api, permission);
    public static Door Console(string permission) => new(Surface.Console, permission);
    public static Door Company(string permission) => new(Surface.Company, permission);
}

/// <summary>
/// The permission model as the policy's organisation implies it, written here by hand and not read from the code:
/// the door of every endpoint (one line per endpoint pattern, "METHOD route" as the route table spells it), and what
/// each role may do. An endpoint missing here fails <see cref="AuthorizationMatrixTests"/> with its name.
/// </summary>
public static class AuthorizationRules
{
    public static readonly IReadOnlyDictionary<string, Door> Table = new Dictionary<string, Door>(StringComparer.Ordinal)
    {
        ["GET /openapi/{documentName}.json"] = Door.Public,
        ["GET /health/live"] = Door.Public,
        ["GET /"] = Door.Public,
        ["GET /health/ready"] = Door.Public,
        ["GET /api/v1/policy"] = Door.Public,
        ["GET /api/v1/policies/{id}"] = Door.Public,
        ["GET /api/v1/cookie-consent/settings"] = Door.Public,
        ["POST /api/v1/cookie-consent/choices"] = Door.Public,
        ["GET /api/v1/cookie-consent/choices/{receipt:guid}"] = Door.Public,
        ["GET /_framework/opaque-redirect"] = Door.Public,
        ["GET /privacy"] = Door.Public,
        ["GET /privacy/anonymized"] = Door.Public,
        ["GET /privacy/joint-use"] = Door.Public,
        ["GET /privacy/joint-use/changes"] = Door.Public,
        ["GET /privacy/contact"] = Door.Public,
        ["GET /privacy/requests/new"] = Door.Public,
        ["GET /privacy/requests/status"] = Door.Public,
        ["GET /privacy/requests/letter"] = Door.PersonSession,
        ["GET /privacy/requests/disclosure"] = Door.PersonSession,
        ["GET /console/sign-in"] = Door.SignIn,
        ["GET /console/sign-in/code"] = Door.SignIn,
        ["POST /console/sign-out"] = Door.SignIn,
        ["GET /api/v1/statistics"] = Door.Api("statistics.read"),
        ["GET /api/v1/inquiries/statistics"] = Door.Api("statistics.read"),
        ["POST /api/v1/persons/"] = Door.Api("persons.register"),
        ["POST /api/v1/persons/search"] = Door.Api("persons.search"),
        ["GET /api/v1/persons/{id:guid}"] = Door.Api("persons.read"),
        ["PATCH /api/v1/persons/{id:guid}/items"] = Door.Api("persons.correct"),
        ["POST /api/v1/persons/{id:guid}/reads"] = Door.Api("persons.read"),
        ["DELETE /api/v1/persons/{id:guid}"] = Door.Api("persons.erase"),
        ["GET /api/v1/staff/roles"] = Door.Api("staff.manage"),
        ["PUT /api/v1/staff/roles/{role}/views"] = Door.Api("staff.manage"),
        ["PUT /api/v1/staff/roles/{role}/networks"] = Door.Api("staff.manage"),
        ["PUT /api/v1/staff/accounts/{id:guid}/networks"] = Door.Api("staff.manage"),
        ["PUT /api/v1/staff/accounts/{id:guid}/training"] = Door.Api("staff.manage"),
        ["PUT /api/v1/staff/accounts/{id:guid}/pledge"] = Door.Api("staff.manage"),
        ["PUT /api/v1/staff/accounts/{id:guid}/department"] = Door.Api("staff.manage"),
        ["GET /api/v1/staff/departments"] = Door.Api("staff.manage"),
        ["POST /api/v1/staff/departments"] = Door.Api("staff.manage"),
        ["PUT /api/v1/staff/departments/{id:guid}/manager"] = Door.Api("staff.manage"),
        ["GET /api/v1/staff/organisation"] = Door.Api("staff.manage"),
        ["PUT /api/v1/staff/responsible-manager"] = Door.Api("staff.manage"),
        ["GET /api/v1/staff/access-reviews/"] = Door.Api("access-reviews.review"),
        ["POST /api/v1/staff/access-reviews/sign-offs"] = Door.Api("access-reviews.review"),
        ["GET /api/v1/staff/access-reviews/overdue"] = Door.Api("access-reviews.review"),
        ["POST /api/v1/anonymization/releases/"] = Door.Api("anonymization.manage"),
        ["GET /api/v1/anonymization/releases/"] = Door.Api("anonymization.manage"),
        ["GET /api/v1/anonymization/releases/{id:guid}"] = Door.Api("anonymization.manage"),
        ["GET /api/v1/anonymization/releases/{id:guid}/method"] = Door.Api("anonymization.method.read"),
        ["GET /api/v1/anonymization/releases/{id:guid}/data.csv"] = Door.Api("anonymization.manage"),
        ["POST /api/v1/anonymization/releases/{id:guid}/provisions"] = Door.Api("anonymization.manage"),
        ["GET /api/v1/anonymization/releases/{id:guid}/provisions"] = Door.Api("anonymization.manage"),
        ["POST /api/v1/provision/entries"] = Door.Api("provision.entries"),
        ["POST /api/v1/provision/entries/bulk"] = Door.Api("provision.entries"),
        ["POST /api/v1/provision/entries/{id:guid}/withdraw"] = Door.Api("provision.entries"),
        ["POST /api/v1/provision/stops"] = Door.Api("provision.manage"),
        ["POST /api/v1/provision/without-consent"] = Door.Api("provision.manage"),
        ["POST /api/v1/provision/without-consent/{id:guid}/approve"] = Door.Api("provision.approve"),
        ["GET /api/v1/provision/records"] = Door.Api("provision.manage"),
        ["POST /api/v1/client-companies/"] = Door.Api("provision.manage"),
        ["GET /api/v1/client-companies/"] = Door.Api("provision.manage"),
        ["GET /api/v1/client-companies/{id:guid}"] = Door.Api("provision.manage"),
        ["PUT /api/v1/client-companies/{id:guid}/contract"] = Door.Api("provision.manage"),
        ["PUT /api/v1/client-companies/{id:guid}"] = Door.Api("provision.manage"),
        ["PUT /api/v1/client-companies/{id:guid}/same-care-agreement"] = Door.Api("provision.manage"),
        ["POST /api/v1/client-companies/{id:guid}/users"] = Door.Api("provision.manage"),
        ["POST /api/v1/provision/consignees/"] = Door.Api("provision.manage"),
        ["POST /api/v1/provision/consignees/{id:guid}/supervisions"] = Door.Api("provision.manage"),
        ["POST /api/v1/provision/consignees/{id:guid}/credential"] = Door.Api("provision.manage"),
        ["GET /api/v1/provision/consignees/export"] = Door.Api("provision.manage"),
        ["POST /api/v1/provision/joint-use/notices"] = Door.Api("provision.manage"),
        ["GET /api/v1/provision/joint-use/notices"] = Door.Api("provision.manage"),
        ["POST /api/v1/consent/"] = Door.Api("consent.manage"),
        ["GET /api/v1/consent/{personId:guid}"] = Door.Api("consent.manage"),
        ["POST /api/v1/consent/campaign-export"] = Door.Api("consent.manage"),
        ["POST /api/v1/requests/"] = Door.Api("requests.handle"),
        ["GET /api/v1/requests/due"] = Door.Api("requests.handle"),
        ["GET /api/v1/requests/{id:guid}"] = Door.Api("requests.handle"),
        ["POST /api/v1/requests/{id:guid}/person"] = Door.Api("requests.handle"),
        ["POST /api/v1/requests/{id:guid}/documents"] = Door.Api("requests.documents.review"),
        ["GET /api/v1/requests/{id:guid}/documents/{documentId:guid}"] = Door.Api("requests.documents.review"),
        ["POST /api/v1/requests/{id:guid}/documents/{documentId:guid}/review"] = Door.Api("requests.documents.review"),
        ["POST /api/v1/requests/{id:guid}/verify"] = Door.Api("requests.handle"),
        ["POST /api/v1/requests/{id:guid}/start"] = Door.Api("requests.handle"),
        ["GET /api/v1/requests/{id:guid}/diff"] = Door.Api("requests.handle"),
        ["POST /api/v1/requests/{id:guid}/fulfil"] = Door.Api("requests.handle"),
        ["POST /api/v1/requests/{id:guid}/refuse"] = Door.Api("requests.handle"),
        ["POST /api/v1/requests/{id:guid}/close"] = Door.Api("requests.handle"),
        ["POST /api/v1/requests/{id:guid}/pause"] = Door.Api("requests.handle"),
        ["POST /api/v1/requests/{id:guid}/resume"] = Door.Api("requests.handle"),
        ["POST /api/v1/requests/{id:guid}/extend"] = Door.Api("requests.handle"),
        ["GET /api/v1/requests/{id:guid}/letter"] = Door.Api("requests.handle"),
        ["GET /api/v1/requests/{id:guid}/disclosure"] = Door.Api("requests.handle"),
        ["GET /company"] = Door.Company("provision.receive"),
        ["GET /company/persons/{Id:guid}"] = Door.Company("provision.receive"),
        ["GET /console"] = Door.Console("account.self"),
        ["GET /console/persons/{Id:guid}"] = Door.Console("persons.read"),
        ["GET /console/persons"] = Door.Console("persons.search"),
        ["GET /console/requests/{Id:guid}"] = Door.Console("requests.handle"),
        ["GET /console/requests"] = Door.Console("requests.handle"),
        ["GET /console/provision"] = Door.Console("account.self"),
        ["GET /console/inquiries"] = Door.Console("inquiries.handle"),
        ["GET /console/inquiries/{Id:guid}"] = Door.Console("inquiries.handle"),
        ["GET /console/anonymization/releases/{Id:guid}"] = Door.Console("anonymization.manage"),
        ["GET /console/anonymization"] = Door.Console("anonymization.manage"),
        ["GET /console/statistics"] = Door.Console("statistics.read"),
        ["GET /console/cookie-consent"] = Door.Console("statistics.read"),
        ["GET /console/safe-management"] = Door.Console("staff.manage"),
        ["GET /console/safe-management/roles"] = Door.Console("staff.manage"),
        ["GET /console/safe-management/staff"] = Door.Console("staff.manage"),
        ["GET /console/safe-management/access-review"] = Door.Console("access-reviews.review"),
        ["GET /api/v1/staff/me/sessions"] = Door.Api("account.self"),
        ["POST /api/v1/staff/me/sessions/sign-out-everywhere"] = Door.Api("account.self"),
        ["POST /api/v1/staff/me/recovery-codes"] = Door.Api("account.self"),
        ["GET /api/v1/staff/me/devices"] = Door.Api("account.self"),
        ["POST /api/v1/staff/me/devices"] = Door.Api("account.self"),
        ["DELETE /api/v1/staff/me/devices/{id:guid}"] = Door.Api("account.self"),
        ["GET /api/v1/staff/accounts/{id:guid}/sessions"] = Door.Api("staff.manage"),
        ["POST /api/v1/staff/accounts/{id:guid}/sessions/sign-out-everywhere"] = Door.Api("staff.manage"),
        ["POST /api/v1/staff/accounts/{id:guid}/totp/reset"] = Door.Api("staff.manage"),
        ["PUT /api/v1/staff/roles/{role}/devices"] = Door.Api("staff.manage"),
        ["GET /api/v1/staff/accounts/{id:guid}/devices/"] = Door.Api("devices.approve"),
        ["POST /api/v1/staff/accounts/{id:guid}/devices/{deviceId:guid}/approve"] = Door.Api("devices.approve"),
        ["DELETE /api/v1/staff/accounts/{id:guid}/devices/{deviceId:guid}"] = Door.Api("devices.approve"),
        ["GET /api/v1/provision/stops/{personId:guid}"] = Door.Api("provision.manage"),
        ["DELETE /api/v1/provision/stops/{personId:guid}"] = Door.Api("provision.manage"),
        ["GET /api/v1/provision/without-consent"] = Door.Api("provision.manage"),
        ["POST /api/v1/provision/without-consent/{id:guid}/reject"] = Door.Api("provision.approve"),
        ["GET /api/v1/provision/consignees/"] = Door.Api("provision.manage"),
        ["GET /api/v1/requests/reminders"] = Door.Api("requests.handle"),
        ["GET /console/staff/accounts/{Id:guid}/security"] = Door.Console("staff.manage"),
        ["GET /console/account"] = Door.Console("account.self"),
        ["GET /console/staff/devices"] = Door.Console("devices.approve"),
        ["GET /console/provision/companies"] = Door.Console("provision.manage"),
        ["GET /console/provision/companies/{Id:guid}"] = Door.Console("provision.manage"),
        ["GET /console/provision/consent"] = Door.Console("consent.manage"),
        ["GET /console/provision/campaign"] = Door.Console("consent.manage"),
        ["POST /console/provision/campaign/export"] = Door.Console("consent.manage"),
        ["GET /console/provision/consignees"] = Door.Console("provision.manage"),
        ["GET /console/provision/joint-use"] = Door.Console("provision.manage"),
        ["GET /console/provision/put-forward"] = Door.Console("provision.entries"),
        ["GET /console/provision/records"] = Door.Console("provision.manage"),
        ["GET /console/provision/stops"] = Door.Console("provision.manage"),
        ["GET /console/provision/without-consent"] = Door.Console("provision.manage"),
        ["GET /console/safe-management/accounts"] = Door.Console("staff.manage"),
        ["GET /api/v1/staff/accounts/"] = Door.Api("staff.manage"),
        ["POST /api/v1/staff/accounts/"] = Door.Api("staff.manage"),
        ["GET /api/v1/staff/accounts/{id:guid}"] = Door.Api("staff.manage"),
        ["PUT /api/v1/staff/accounts/{id:guid}/role"] = Door.Api("staff.manage"),
        ["POST /api/v1/staff/accounts/{id:guid}/deactivate"] = Door.Api("staff.manage"),
        ["POST /api/v1/staff/accounts/{id:guid}/reactivate"] = Door.Api("staff.manage"),
        ["POST /api/v1/staff/me/password"] = Door.Api("account.self"),
        ["GET /api/v1/retention/schedule"] = Door.Api("retention.read"),
        ["GET /api/v1/retention/disposals"] = Door.Api("retention.read"),
        ["POST /api/v1/retention/runs"] = Door.Api("retention.manage"),
        ["GET /console/retention"] = Door.Console("retention.read"),
        ["GET /api/v1/incidents/"] = Door.Api("incidents.read"),
        ["POST /api/v1/incidents/"] = Door.Api("incidents.manage"),
        ["GET /api/v1/incidents/deadlines"] = Door.Api("incidents.read"),
        ["GET /api/v1/incidents/deadline-dates"] = Door.Api("incidents.read"),
        ["GET /api/v1/incidents/{id:guid}"] = Door.Api("incidents.read"),
        ["PATCH /api/v1/incidents/{id:guid}"] = Door.Api("incidents.manage"),
        ["PUT /api/v1/incidents/{id:guid}/status"] = Door.Api("incidents.manage"),
        ["PUT /api/v1/incidents/{id:guid}/assessment"] = Door.Api("incidents.manage"),
        ["GET /api/v1/incidents/{id:guid}/persons"] = Door.Api("incidents.read"),
        ["PUT /api/v1/incidents/{id:guid}/persons"] = Door.Api("incidents.manage"),
        ["POST /api/v1/incidents/{id:guid}/containment"] = Door.Api("incidents.manage"),
        ["POST /api/v1/incidents/detections"] = Door.Api("incidents.manage"),
        ["GET /api/v1/incidents/affected/"] = Door.Api("incidents.read"),
        ["POST /api/v1/incidents/affected/person-list"] = Door.Api("incidents.read"),
        ["GET /api/v1/incidents/{id:guid}/report"] = Door.Api("incidents.read"),
        ["GET /console/incidents"] = Door.Console("incidents.read"),
        ["GET /console/incidents/{Id:guid}"] = Door.Console("incidents.read"),
        ["POST /api/v1/incidents/{id:guid}/notices"] = Door.Api("incidents.manage"),
        ["GET /api/v1/incidents/{id:guid}/notices"] = Door.Api("incidents.read"),
        ["GET /api/v1/incidents/{id:guid}/notices/letters"] = Door.Api("incidents.manage"),
        ["GET /api/v1/incidents/{id:guid}/public-notice"] = Door.Api("incidents.read"),
        ["PUT /api/v1/incidents/{id:guid}/public-notice"] = Door.Api("incidents.manage"),
        ["DELETE /api/v1/incidents/{id:guid}/public-notice"] = Door.Api("incidents.manage"),
        ["GET /privacy/incidents"] = Door.Public,
        ["GET /privacy/incidents/{Number:int}"] = Door.Public,
        ["GET /api/v1/mail/status"] = Door.Api("requests.handle"),
        ["GET /api/v1/mail/outbox"] = Door.Api("requests.handle"),
        ["POST /api/v1/mail/outbox/{id:guid}/retry"] = Door.Api("requests.handle"),
        ["PUT /api/v1/mail/companies/{id:guid}/address"] = Door.Api("provision.manage"),
        ["GET /console/mail"] = Door.Console("requests.handle"),
        ["GET /console/audit"] = Door.Console("audit.read"),
        ["GET /console/audit/export"] = Door.Console("audit.read"),
        ["GET /console/persons/new"] = Door.Console("persons.register"),
        ["GET /console/persons/list"] = Door.Console("persons.search"),
    };

    private static readonly string[] StaffWork =
    [
        "persons.register", "persons.search", "persons.read", "persons.correct", "persons.erase", "consent.manage",
        "provision.entries", "provision.manage", "provision.approve", "requests.handle", "requests.documents.review",
        "inquiries.handle", "anonymization.manage", "anonymization.method.read", "statistics.read", "retention.read", "retention.manage",
    ];

    /// <summary>What each shipped role may do, and the realm of its accounts ("staff", "company" or "joint").</summary>
    public static readonly IReadOnlyDictionary<string, (string Realm, string[] Permissions)> Roles = new Dictionary<string, (string, string[])>(StringComparer.Ordinal)
    {
        // Runs the system: every staff permission.
        ["administrator"] = ("staff", [.. StaffWork, "staff.manage", "devices.approve", "access-reviews.review", "account.self", "incidents.read", "incidents.manage", "audit.read"]),
        // The privacy office: requests, provision and its approval, releases, reviews, the retention schedule and its
        // disposal; registers nobody and manages no staff.
        ["privacy-officer"] = ("staff",
        [
            "persons.search", "persons.read", "persons.correct", "persons.erase", "consent.manage", "provision.manage", "provision.approve",
            "requests.handle", "requests.documents.review", "inquiries.handle", "anonymization.manage", "anonymization.method.read",
            "statistics.read", "access-reviews.review", "devices.approve", "account.self", "retention.read", "retention.manage",
            "incidents.read", "incidents.manage", "audit.read",
        ]),
        // Answers for a department: reviews its access logs and approves its devices.
        ["information-manager"] = ("staff", ["persons.search", "persons.read", "statistics.read", "access-reviews.review", "devices.approve", "account.self", "incidents.read", "audit.read"]),
        // Registers candidates, keeps their items right and puts them forward; erases nobody.
        ["recruiter"] = ("staff", ["persons.register", "persons.search", "persons.read", "persons.correct", "consent.manage", "provision.entries", "account.self"]),
        // Works the requests queue and the inquiries.
        ["request-handler"] = ("staff", ["persons.search", "persons.read", "requests.handle", "requests.documents.review", "inquiries.handle", "account.self"]),
        // Receives what was provided to its company, in its own portal.
        ["client-company"] = ("company", ["provision.receive"]),
        // Uses the shared items for the shared purposes (the gate limits both).
        ["joint-user"] = ("joint", ["persons.read"]),
    };
}
