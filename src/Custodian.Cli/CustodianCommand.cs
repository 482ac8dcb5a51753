using System.CommandLine;
using Custodian.Cli.Anonymization;
using Custodian.Cli.Audit;
using Custodian.Cli.Calendars;
using Custodian.Cli.Policy;
using Custodian.Cli.Staff;
using Custodian.Cli.Storage;
using Custodian.Cli.Vault;
using Custodian.Policy;
using Custodian.Vault.Keys;

namespace Custodian.Cli;

/// <summary>The <c>custodian</c> command: one subcommand per module.</summary>
internal static class CustodianCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("custodian: operate the Custodian personal-data system");
        root.Subcommands.Add(DbCommands.Create());
        root.Subcommands.Add(PolicyCommands.Create());
        root.Subcommands.Add(AuditCommands.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(KeysCommand.Create());
        root.Subcommands.Add(TokenCommand.Create());
        root.Subcommands.Add(StaffCommand.Create());
        root.Subcommands.Add(AccessCommand.Create());
        root.Subcommands.Add(CalendarCommands.Create());
        root.Subcommands.Add(AnonymizeCommand.Create());
        root.Subcommands.Add(Provision.ProvisionCommands.Create());
        root.Subcommands.Add(Requests.RequestCommands.Create());
        root.Subcommands.Add(Retention.RetentionCommands.Create());
        root.Subcommands.Add(Backup.BackupCommands.Create());
        root.Subcommands.Add(Incidents.IncidentCommandsOfAffected.Create());
        return root;
    }

    /// <summary>Parses and runs; usage errors exit 2, known start-up failures print their message and exit 1.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
        configuration.Output = output ?? configuration.Output;
        configuration.Error = error ?? configuration.Error;
        var parsed = Create().Parse(args);
        if (parsed.Errors.Count > 0)
        {
            await parsed.InvokeAsync(configuration);
            return CliOutput.Usage;
        }

        try
        {
            return await parsed.InvokeAsync(configuration);
        }
        catch (Exception ex) when (ex is KeyFileException or Custodian.Vault.ErasureLedgerException or Custodian.Storage.DataFolderException or PolicyLoadException or Microsoft.Extensions.Options.OptionsValidationException)
        {
            await configuration.Error.WriteLineAsync(ex.Message);
            return CliOutput.Failed;
        }
        catch (System.Data.Common.DbException ex)
        {
            await configuration.Error.WriteLineAsync($"The database could not be used: {ex.GetType().Name}. Check Storage__DataDirectory or ConnectionStrings__Custodian.");
            return CliOutput.Failed;
        }
    }
}
