using Custodian.Incidents;
using Custodian.Policy;
using Custodian.Server.Components.Language;

namespace Custodian.Server.Components.StaffConsole.Incidents;

/// <summary>
/// The incident pages' codes (causes, statuses, decisions, keys, timeline kinds) as words in the page's language; the
/// wire names stay in the forms' values and the data- attributes.
/// </summary>
internal static class IncidentWords
{
    public static string Cause(ConsoleText T, IncidentCause cause) => Cause(T, cause.Name());

    public static string Cause(ConsoleText T, string cause) => cause switch
    {
        "error" => T["Sent, handed or published by mistake"],
        "loss-or-theft" => T["Loss or theft"],
        "unauthorized-access" => T["Unauthorized access"],
        "wrongful-purpose" => T["Taken or used for a wrongful purpose"],
        "web-skimming" => T["Web skimming"],
        "other" => T["Other cause"],
        _ => cause,
    };

    public static string Status(ConsoleText T, IncidentStatus status) => Status(T, status.Name());

    public static string Status(ConsoleText T, string status) => status switch
    {
        "suspected" => T["Incident suspected"],
        "confirmed" => T["Incident confirmed"],
        "reported-preliminary" => T["Preliminary report made"],
        "reported-final" => T["Final report made"],
        "closed" => T["Incident closed"],
        _ => status,
    };

    public static string Decision(ConsoleText T, Reportability decision) => decision switch
    {
        Reportability.Reportable => T["reportable"],
        Reportability.NotReportable => T["not reportable"],
        _ => T["undetermined"],
    };

    public static string Keys(ConsoleText T, ExposedKeys keys) => keys switch
    {
        ExposedKeys.None => T["no key"],
        ExposedKeys.PersonKeys => T["the per-person data keys"],
        ExposedKeys.KeyEncryptionKey => T["the key-encryption key"],
        _ => T["not known yet"],
    };

    /// <summary>A timeline line's kind; containment steps are "containment:step".</summary>
    public static string Kind(ConsoleText T, string kind) => kind switch
    {
        "registered" => T["Incident registered"],
        "changed" => T["Facts changed"],
        "status" => T["Status set"],
        "assessment-overridden" => T["Assessment overridden"],
        "persons" => T["Persons affected set"],
        "notified" => T["Persons notified"],
        "notice-published" => T["Public notice published"],
        "notice-withdrawn" => T["Public notice withdrawn"],
        "containment:revoke-token" => T["Revoke an API token"],
        "containment:revoke-consignee-credential" => T["Revoke a consignee's credential"],
        "containment:end-sessions" => T["End a staff account's sessions"],
        "containment:deactivate-account" => T["Deactivate a staff account"],
        "containment:suspend-company" => T["Suspend a client company's access"],
        _ => kind,
    };

    /// <summary>A policy as people know it: its notice's title in the page's language, else in its binding language.</summary>
    public static string PolicyTitle(PrivacyPolicy policy, string language) =>
        (policy.Notices.GetValueOrDefault(language) ?? policy.Notices.GetValueOrDefault(policy.BindingLanguage))?.Title ?? policy.Id;
}
