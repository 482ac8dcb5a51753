using System.CommandLine;

var root = new RootCommand("custodian: operate the Custodian personal-data system");
return await root.Parse(args).InvokeAsync();
