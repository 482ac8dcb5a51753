using System.CommandLine;

var root = new RootCommand("custodian: operate the Custodian personal-data system");
root.Subcommands.Add(Custodian.Cli.Policy.PolicyCommands.Create());
return await root.Parse(args).InvokeAsync();
