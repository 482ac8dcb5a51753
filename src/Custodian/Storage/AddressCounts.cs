using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Custodian.Storage;

/// <summary>
/// Fixed-window counters for the per-address limits (sign-in posts, the public forms) and the status page's wrong secrets
/// per request (<c>Requests.StatusSecretGuard</c>). On PostgreSQL every server of a
/// deployment counts in one row per limit and address, so N servers hold one limit, not N; on SQLite, one process's
/// database, the count stays in memory. A window opens with the first use it counts and lasts the limit's period, as
/// ASP.NET's fixed-window limiter's did; the servers' clocks must agree (NTP), as for <see cref="SchedulerLease"/>.
/// </summary>
internal sealed class AddressCounts(IOptions<StorageOptions> options, TimeProvider time)
{
    // Counted up, or opened again once the row's window has ended, in one statement: two servers cannot both open it.
    private const string CountSql = """
        INSERT INTO storage_address_counts ("Key", "WindowEnds", "Count") VALUES (@key, @ends, 1)
        ON CONFLICT ("Key") DO UPDATE SET
            "Count" = CASE WHEN storage_address_counts."WindowEnds" > @now THEN storage_address_counts."Count" + 1 ELSE 1 END,
            "WindowEnds" = CASE WHEN storage_address_counts."WindowEnds" > @now THEN storage_address_counts."WindowEnds" ELSE excluded."WindowEnds" END
        RETURNING "Count", "WindowEnds"
        """;

    private const string SweepSql = """DELETE FROM storage_address_counts WHERE "WindowEnds" <= @now""";

    private const string PeekSql = """SELECT "Count", "WindowEnds" FROM storage_address_counts WHERE "Key" = @key""";

    private const string EndsSql = """UPDATE storage_address_counts SET "WindowEnds" = @ends WHERE "Key" = @key""";

    private const string ForgetSql = """DELETE FROM storage_address_counts WHERE "Key" = @key""";

    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, WindowCount> _memory = new(StringComparer.Ordinal);
    private long _nextSweep;

    /// <summary>Counts one more use of <paramref name="key"/> (a limit's name and the address) in the current window of <paramref name="window"/>.</summary>
    public async Task<WindowCount> CountAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var ends = now + (long)window.TotalMilliseconds;
        var sweep = now >= Interlocked.Read(ref _nextSweep) && Interlocked.Exchange(ref _nextSweep, now + (long)SweepInterval.TotalMilliseconds) <= now;
        if (!options.Value.UsesPostgres)
        {
            if (sweep)
            {
                foreach (var ended in _memory.Where(c => c.Value.WindowEnds <= now))
                {
                    _memory.TryRemove(ended);
                }
            }

            return _memory.AddOrUpdate(key, new WindowCount(1, ends), (_, old) => old.WindowEnds > now ? old with { Count = old.Count + 1 } : new WindowCount(1, ends));
        }

        await using var connection = await StorageModule.OpenConnectionAsync(options.Value, cancellationToken);
        await using var command = Command(connection, CountSql, key);
        Add(command, "ends", ends);
        Add(command, "now", now);
        WindowCount counted;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            counted = new WindowCount(reader.GetInt64(0), reader.GetInt64(1));
        }

        if (sweep)
        {
            command.CommandText = SweepSql;
            command.Parameters.Clear();
            Add(command, "now", now);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return counted;
    }

    /// <summary>The count of <paramref name="key"/> as it stands, counting nothing; null when none is kept.</summary>
    public async Task<WindowCount?> PeekAsync(string key, CancellationToken cancellationToken)
    {
        if (!options.Value.UsesPostgres)
        {
            return _memory.TryGetValue(key, out var kept) ? kept : null;
        }

        await using var connection = await StorageModule.OpenConnectionAsync(options.Value, cancellationToken);
        await using var command = Command(connection, PeekSql, key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new WindowCount(reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    /// <summary>Moves the end of <paramref name="key"/>'s current window (a lock that starts when it is decided, not at the first use).</summary>
    public async Task EndWindowAtAsync(string key, DateTimeOffset ends, CancellationToken cancellationToken)
    {
        var at = ends.ToUnixTimeMilliseconds();
        if (!options.Value.UsesPostgres)
        {
            _memory.AddOrUpdate(key, new WindowCount(1, at), (_, old) => old with { WindowEnds = at });
            return;
        }

        await using var connection = await StorageModule.OpenConnectionAsync(options.Value, cancellationToken);
        await using var command = Command(connection, EndsSql, key);
        Add(command, "ends", at);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Forgets <paramref name="key"/>'s count at once.</summary>
    public async Task ForgetAsync(string key, CancellationToken cancellationToken)
    {
        if (!options.Value.UsesPostgres)
        {
            _memory.TryRemove(key, out _);
            return;
        }

        await using var connection = await StorageModule.OpenConnectionAsync(options.Value, cancellationToken);
        await using var command = Command(connection, ForgetSql, key);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static System.Data.Common.DbCommand Command(System.Data.Common.DbConnection connection, string sql, string key)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "key", Digest(key));
        return command;
    }

    // The table keeps a digest of the limit and address, not the address, and only until a sweep after its window ended.
    private static string Digest(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static void Add(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        (parameter.ParameterName, parameter.Value) = (name, value);
        command.Parameters.Add(parameter);
    }
}

/// <summary>Uses counted in the current window, and when it ends (Unix milliseconds).</summary>
internal readonly record struct WindowCount(long Count, long WindowEnds);
