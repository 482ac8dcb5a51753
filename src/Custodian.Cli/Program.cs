using System.CommandLine;
using Custodian.Cli;
using Custodian.Cli.Anonymization;
using Custodian.Cli.Audit;
using Custodian.Cli.Calendars;
using Custodian.Cli.Policy;
using Custodian.Cli.Requests;
using Custodian.Cli.Staff;
using Custodian.Cli.Storage;
using Custodian.Cli.Vault;

var root = new RootCommand("custodian: operate the Custodian personal-data system");
root.Subcommands.Add(DbCommands.Create());
root.Subcommands.Add(PolicyCommands.Create());
root.Subcommands.Add(AuditCommands.Create());
root.Subcommands.Add(ImportCommand.Create());
root.Subcommands.Add(TokenCommand.Create());
root.Subcommands.Add(CalendarCommands.Create());
root.Subcommands.Add(AnonymizeCommand.Create());
root.Subcommands.Add(RequestCommands.Create());

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // Usage errors: System.CommandLine prints them with the help; the house exit code is 2.
    await parsed.InvokeAsync();
    return CliOutput.Usage;
}

return await parsed.InvokeAsync();
