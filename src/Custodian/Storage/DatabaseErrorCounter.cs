using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Custodian.Storage;

/// <summary>
/// Counts failed database commands by kind: PostgreSQL's SQLSTATE, SQLite's error code or the exception's type. Never the
/// message, which can quote a value (a unique violation names the duplicate key).
/// </summary>
internal sealed class DatabaseErrorCounter : DbCommandInterceptor
{
    public static readonly DatabaseErrorCounter Instance = new();

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Count(eventData.Exception);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Count(eventData.Exception);
        return Task.CompletedTask;
    }

    public static void Count(Exception exception)
    {
        // A cancelled request is the caller leaving, not the database failing.
        if (exception is OperationCanceledException)
        {
            return;
        }

        var kind = exception switch
        {
            PostgresException p => "sqlstate." + p.SqlState,
            SqliteException s => "sqlite." + s.SqliteErrorCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => exception.GetType().Name,
        };
        Telemetry.CustodianTelemetry.DatabaseErrors.Add(1, new KeyValuePair<string, object?>("kind", kind));
    }
}
