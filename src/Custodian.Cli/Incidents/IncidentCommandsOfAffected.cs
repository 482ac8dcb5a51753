using System.CommandLine;

namespace Custodian.Cli.Incidents;

/// <summary>
/// <c>custodian incidents affected|report</c> on this branch. The register's own <c>incidents</c> command takes these two
/// subcommands at merge (<see cref="AffectedCommand.Create"/>, <see cref="ReportCommand.Create"/>), and this file goes.
/// </summary>
internal static class IncidentCommandsOfAffected
{
    public static Command Create()
    {
        var incidents = new Command("incidents", "Leak incidents: who is affected, report drafts");
        incidents.Subcommands.Add(AffectedCommand.Create());
        incidents.Subcommands.Add(ReportCommand.Create());
        return incidents;
    }
}
