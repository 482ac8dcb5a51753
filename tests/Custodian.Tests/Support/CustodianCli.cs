using Custodian.Cli;

namespace Custodian.Tests.Support;

/// <summary>Runs the real <c>custodian</c> command in-process and captures what it prints.</summary>
public static class CustodianCli
{
    public static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CustodianCommand.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
