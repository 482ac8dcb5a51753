using System.Diagnostics;
using Npgsql;

namespace Custodian.Backup;

/// <summary>
/// PostgreSQL's own client programs: <c>pg_dump</c> for a consistent dump of a running database and <c>pg_restore</c>
/// for putting it back. Found in <c>Backup:PostgresBin</c>, then <c>CUSTODIAN_PG_BIN</c>, then on the <c>PATH</c>.
/// </summary>
internal sealed class PostgresTools(string? configuredFolder)
{
    public string? Find(string tool)
    {
        var folders = new[] { configuredFolder, Environment.GetEnvironmentVariable("CUSTODIAN_PG_BIN") }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator));
        return folders.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => Path.Combine(f!, tool)).FirstOrDefault(File.Exists);
    }

    public static string NotFound(string tool) =>
        $"{tool} was not found: set Backup__PostgresBin (or CUSTODIAN_PG_BIN) to the folder of PostgreSQL's client programs, e.g. /usr/lib/postgresql/15/bin.";

    /// <summary>Runs the program against the database; returns its exit code and the first line it printed on stderr.</summary>
    public static async Task<(int Exit, string? Error)> RunAsync(string program, NpgsqlConnectionStringBuilder database, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--dbname=" + ConnectionInfo(database));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The password goes through the environment, never on a command line that others can list.
        if (!string.IsNullOrEmpty(database.Password))
        {
            start.Environment["PGPASSWORD"] = database.Password;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        await output;
        var firstLine = (await error).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return (process.ExitCode, firstLine);
    }

    private static string ConnectionInfo(NpgsqlConnectionStringBuilder database)
    {
        static string Quote(string value) => "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
        var parts = new List<string>
        {
            "host=" + Quote(database.Host ?? "localhost"),
            "port=" + database.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "dbname=" + Quote(database.Database ?? ""),
        };
        if (!string.IsNullOrEmpty(database.Username))
        {
            parts.Add("user=" + Quote(database.Username));
        }

        if (database.SslMode is SslMode.Require or SslMode.VerifyCA or SslMode.VerifyFull)
        {
            parts.Add("sslmode=" + database.SslMode switch { SslMode.Require => "require", SslMode.VerifyCA => "verify-ca", _ => "verify-full" });
        }

        return string.Join(' ', parts);
    }
}
