using Custodian.Server.Components.Language;
using Custodian.Staff;

namespace Custodian.Server.Components.StaffConsole.SafeManagement;

/// <summary>Roles, view modes and audit event types as words in the page's language; forms keep posting the ids.</summary>
internal static class SafeManagementWords
{
    public static string Role(ConsoleText T, string role) => role switch
    {
        RoleCatalogue.Administrator => T["Administrator"],
        RoleCatalogue.PrivacyOfficer => T["Privacy officer"],
        RoleCatalogue.InformationManager => T["Information manager"],
        RoleCatalogue.Recruiter => T["Recruiter"],
        RoleCatalogue.RequestHandler => T["Request handler"],
        RoleCatalogue.ClientCompany => T["Client company"],
        RoleCatalogue.JointUser => T["Joint user"],
        ApiToken.ServiceRole => T["Services (API tokens)"],
        // A role the operator configured keeps the name they gave it.
        _ => role,
    };

    public static string ViewMode(ConsoleText T, string mode) => mode switch
    {
        "visible" => T["visible"],
        "hidden" => T["hidden"],
        "last-four" => T["last four characters only"],
        "year-only" => T["year only"],
        "initials" => T["initials only"],
        _ => mode,
    };

    /// <summary>An audit event type ("PersonRead") in the privacy office's words.</summary>
    public static string Event(ConsoleText T, string type) => AuditEventWords.Of(type, T.Language);
}
