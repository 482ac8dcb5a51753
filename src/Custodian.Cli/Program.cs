using System.CommandLine;
using Custodian.Cli.Audit;
using Custodian.Cli.Storage;
using Custodian.Cli.Vault;

var root = new RootCommand("custodian: operate the Custodian personal-data system");
root.Subcommands.Add(DbCommands.Create());
root.Subcommands.Add(AuditCommands.Create());
root.Subcommands.Add(ImportCommand.Create());
return await root.Parse(args).InvokeAsync();
