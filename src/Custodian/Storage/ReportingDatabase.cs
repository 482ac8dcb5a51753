using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Custodian.Storage;

/// <summary>
/// Where heavy reports read (access reviews, statistics, who is affected by an incident): the PostgreSQL standby of
/// <c>ConnectionStrings:CustodianReadOnly</c> when it is this installation's, reachable, and has replayed everything the
/// primary had committed when the report began; otherwise the primary, with a warning. So a report read from the
/// standby answers exactly what the primary would have: never older, never another database's.
/// </summary>
public sealed class ReportingDatabase
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);
    private readonly IDbContextFactory<CustodianDb> _primary;
    private readonly StorageOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ReportingDatabase> _logger;
    private readonly DbContextOptions<CustodianDb>? _replica;
    private readonly string? _replicaConnection;
    private readonly object _gate = new();
    private string? _lastProblem = "";
    private DateTimeOffset _downUntil = DateTimeOffset.MinValue;
    private Guid? _installation;

    public ReportingDatabase(IDbContextFactory<CustodianDb> primary, IOptions<StorageOptions> options, TimeProvider time, ILogger<ReportingDatabase> logger)
    {
        (_primary, _options, _time, _logger) = (primary, options.Value, time, logger);
        if (_options.ReadOnlyConnectionString is { Length: > 0 } replica && _options.UsesPostgres)
        {
            // A standby that does not answer is given up on in seconds, not the default quarter of a minute.
            var connection = new NpgsqlConnectionStringBuilder(StorageModule.PostgresConnection(replica));
            connection.Timeout = Math.Min(connection.Timeout, 3);
            _replicaConnection = connection.ConnectionString;
            _replica = new DbContextOptionsBuilder<CustodianDb>().UseNpgsql(_replicaConnection).AddInterceptors(DatabaseErrorCounter.Instance).Options;
        }
        else if (!string.IsNullOrWhiteSpace(_options.ReadOnlyConnectionString))
        {
            _logger.LogWarning("ConnectionStrings:CustodianReadOnly is ignored: a read replica needs PostgreSQL as the primary; reports read the primary");
        }
    }

    public bool HasReplica => _replica is not null;

    /// <summary>Reports on the primary only: for code that runs without configuration (tests, tools).</summary>
    internal static ReportingDatabase Primary(IDbContextFactory<CustodianDb> primary) =>
        new(primary, Options.Create(new StorageOptions()), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<ReportingDatabase>.Instance);

    /// <summary>A context for one report: on the standby when it can answer as the primary would, else on the primary.</summary>
    public async Task<CustodianDb> CreateDbContextAsync(CancellationToken cancellationToken = default)
    {
        if (_replica is null || _time.GetUtcNow() < _downUntil)
        {
            return await _primary.CreateDbContextAsync(cancellationToken);
        }

        var problem = await ReplicaProblemAsync(cancellationToken);
        Report(problem);
        return problem is null ? new CustodianDb(_replica) : await _primary.CreateDbContextAsync(cancellationToken);
    }

    /// <summary>Null when the standby may answer; otherwise why not, as a code (never a message that could quote data).</summary>
    private async Task<string?> ReplicaProblemAsync(CancellationToken cancellationToken)
    {
        string lsn;
        Guid? primaryInstallation;
        await using (var primary = await _primary.CreateDbContextAsync(cancellationToken))
        {
            var connection = primary.Database.GetDbConnection();
            await primary.Database.OpenConnectionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT pg_current_wal_lsn()::text";
            lsn = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
            primaryInstallation = _installation ?? await Installation.ReadAsync(connection, null, cancellationToken);
        }

        try
        {
            await using var replica = new NpgsqlConnection(_replicaConnection);
            await replica.OpenAsync(cancellationToken);
            if (await Installation.ReadAsync(replica, null, cancellationToken) != primaryInstallation)
            {
                return "replica.other-installation";
            }

            _installation = primaryInstallation;
            var deadline = _time.GetUtcNow() + _options.ReplicaCatchUpTimeout;
            await using var command = new NpgsqlCommand("SELECT pg_is_in_recovery(), coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false)", replica);
            command.Parameters.Add(new NpgsqlParameter { Value = lsn });
            while (true)
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                if (!reader.GetBoolean(0))
                {
                    return "replica.not-a-standby";
                }

                if (reader.GetBoolean(1))
                {
                    return null;
                }

                if (_time.GetUtcNow() >= deadline)
                {
                    return "replica.behind";
                }

                await reader.DisposeAsync();
                await Task.Delay(TimeSpan.FromMilliseconds(20), _time, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // Unreachable: not tried again for a while, so reports do not each wait for the connection to time out.
            _downUntil = _time.GetUtcNow() + RetryAfter;
            return "replica.unreachable";
        }
    }

    /// <summary>Warns when reports move to the primary, and says when they come back; not on every report.</summary>
    private void Report(string? problem)
    {
        lock (_gate)
        {
            if (problem == _lastProblem)
            {
                return;
            }

            _lastProblem = problem;
        }

        if (problem is null)
        {
            _logger.LogInformation("Reports read the read replica");
        }
        else
        {
            _logger.LogWarning("Reports read the primary: the read replica cannot answer as the primary would ({Problem})", problem);
        }
    }
}
