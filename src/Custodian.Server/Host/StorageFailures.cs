using Microsoft.Data.Sqlite;
using Npgsql;

namespace Custodian.Server.Host;

/// <summary>
/// Which provider exceptions mean "the store is down, full or read-only": those are the operator's to fix and the
/// client's to retry, so they answer 503, not 500. Anything else is a bug and stays a 500.
/// </summary>
internal static class StorageFailures
{
    public const string Unavailable = "storage.unavailable";
    public const string Full = "storage.full";

    // SQLite primary result codes (the low byte of an extended code).
    private const int SqliteReadOnly = 8, SqliteIoError = 10, SqliteFull = 13, SqliteCantOpen = 14;

    // errno on Linux and macOS, which .NET puts in IOException.HResult; Windows' ERROR_HANDLE_DISK_FULL and ERROR_DISK_FULL as HRESULTs.
    private const int NoSpace = 28, ReadOnlyFileSystem = 30;
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027), WindowsDiskFull = unchecked((int)0x80070070);

    /// <summary>The problem code for a store that cannot serve, or null when the exception is something else.</summary>
    public static string? Classify(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var code = e switch
            {
                SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) switch
                {
                    SqliteFull => Full,
                    SqliteReadOnly or SqliteIoError or SqliteCantOpen => Unavailable,
                    _ => null,
                },
                PostgresException postgres => postgres.SqlState switch
                {
                    "53100" => Full,
                    // Connection lost or refused, server shutting down or starting, too many connections, a read-only standby.
                    var s when s.StartsWith("08", StringComparison.Ordinal) || s is "57P01" or "57P02" or "57P03" or "53300" or "25006" => Unavailable,
                    _ => null,
                },
                // Without a server's answer: refused, unreachable, timed out.
                NpgsqlException npgsql when npgsql.IsTransient || npgsql.InnerException is System.Net.Sockets.SocketException or TimeoutException => Unavailable,
                IOException io => io.HResult switch
                {
                    NoSpace or WindowsHandleDiskFull or WindowsDiskFull => Full,
                    ReadOnlyFileSystem => Unavailable,
                    _ => null,
                },
                _ => null,
            };
            if (code is not null)
            {
                return code;
            }
        }

        return null;
    }

    /// <summary>The provider's own exception under the wrappers (EF's DbUpdateException, retry strategies), for the log.</summary>
    public static Exception Innermost(Exception exception)
    {
        var e = exception;
        while (e.InnerException is not null && e is not (SqliteException or NpgsqlException or IOException))
        {
            e = e.InnerException;
        }

        return e;
    }

    /// <summary>The provider's error code, never its message (which may quote a value).</summary>
    public static string ProviderCode(Exception exception) => Innermost(exception) switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        PostgresException postgres => postgres.SqlState,
        var e => e.HResult.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
