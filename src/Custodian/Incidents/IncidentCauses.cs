namespace Custodian.Incidents;

/// <summary>The causes' and statuses' wire names, one closed list each, and what a cause means for the deadlines.</summary>
public static class IncidentCauses
{
    private static readonly Dictionary<string, IncidentCause> Causes = new(StringComparer.Ordinal)
    {
        ["error"] = IncidentCause.Error,
        ["loss-or-theft"] = IncidentCause.LossOrTheft,
        ["unauthorized-access"] = IncidentCause.UnauthorizedAccess,
        ["wrongful-purpose"] = IncidentCause.WrongfulPurpose,
        ["web-skimming"] = IncidentCause.WebSkimming,
        ["other"] = IncidentCause.Other,
    };

    private static readonly Dictionary<string, IncidentStatus> Statuses = new(StringComparer.Ordinal)
    {
        ["suspected"] = IncidentStatus.Suspected,
        ["confirmed"] = IncidentStatus.Confirmed,
        ["reported-preliminary"] = IncidentStatus.ReportedPreliminary,
        ["reported-final"] = IncidentStatus.ReportedFinal,
        ["closed"] = IncidentStatus.Closed,
    };

    public static IReadOnlyCollection<string> CauseNames => Causes.Keys;
    public static IReadOnlyCollection<string> StatusNames => Statuses.Keys;

    public static bool TryParse(string? name, out IncidentCause cause) => Causes.TryGetValue(name?.Trim() ?? "", out cause);
    public static bool TryParseStatus(string? name, out IncidentStatus status) => Statuses.TryGetValue(name?.Trim() ?? "", out status);

    public static string Name(this IncidentCause cause) => Causes.First(c => c.Value == cause).Key;
    public static string Name(this IncidentStatus status) => Statuses.First(s => s.Value == status).Key;

    /// <summary>
    /// Whether the cause is a likely wrongful purpose (Rule Art. 7(iii)): intrusion, skimming, an insider's taking. Theft
    /// can be one too; the office records it as <c>wrongful-purpose</c> when it is.
    /// </summary>
    public static bool IsWrongfulPurpose(this IncidentCause cause) =>
        cause is IncidentCause.UnauthorizedAccess or IncidentCause.WrongfulPurpose or IncidentCause.WebSkimming;

    public static Common.Failure UnknownCause(string field = "cause") =>
        Common.Failure.Invalid(field, "incident.cause", $"The cause is one of: {string.Join(", ", CauseNames)}.");

    public static Common.Failure UnknownStatus(string field = "status") =>
        Common.Failure.Invalid(field, "incident.status", $"The status is one of: {string.Join(", ", StatusNames)}.");
}
