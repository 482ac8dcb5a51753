using Custodian.Cli;

return await CustodianCommand.RunAsync(args);
