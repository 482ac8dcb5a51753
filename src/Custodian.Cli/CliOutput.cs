using System.CommandLine;

namespace Custodian.Cli;

/// <summary>Exit codes and the writers every command uses, so tests can capture them.</summary>
internal static class CliOutput
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    public static TextWriter Out(this ParseResult result) => result.InvocationConfiguration.Output;

    public static TextWriter Error(this ParseResult result) => result.InvocationConfiguration.Error;

    public static readonly Option<string?> DataOption = new("--data")
    {
        Description = "Data folder of the embedded SQLite database and key file (default: ./data, or Storage__DataDirectory)",
    };
}
