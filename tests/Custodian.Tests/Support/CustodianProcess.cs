using System.Diagnostics;

namespace Custodian.Tests.Support;

/// <summary>
/// The real <c>custodian</c> command as an operator runs it, a process of its own: its configuration (a PostgreSQL
/// connection string) is its own environment, not the test run's, and it can be killed. The muxer runs the command in
/// its own process, so the process's id is the command's.
/// </summary>
public static class CustodianProcess
{
    public static Process Start(string? postgresConnectionString, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Custodian.Cli.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["ConnectionStrings__Custodian"] = postgresConnectionString ?? "" },
        };
        return Process.Start(start)!;
    }

    public static async Task<(int Exit, string Output, string Error)> RunAsync(string? postgresConnectionString, params string[] args)
    {
        using var process = Start(postgresConnectionString, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
