using System.CommandLine;

var root = new RootCommand("custodian: operate the Custodian personal-data system");
root.Subcommands.Add(Custodian.Cli.Anonymization.AnonymizeCommand.Create());
return await root.Parse(args).InvokeAsync();
