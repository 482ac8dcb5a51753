using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Custodian.Storage;

/// <summary>
/// Which server of a deployment runs the scheduled work (reminders, releases, retention, detection, checkpoints): the
/// one holding the lease row, renewed every third of its length. When its holder stops, the lease is given up and the
/// next server to renew takes it; when its holder dies, another takes it once it has run out. A row rather than
/// PostgreSQL's advisory lock, so that SQLite behaves the same and no connection is held open for it. The servers'
/// clocks must agree to well within the lease (NTP).
/// </summary>
internal sealed partial class SchedulerLease(IOptions<StorageOptions> options, TimeProvider time, ILogger<SchedulerLease> logger) : BackgroundService
{
    private const string Scheduler = "scheduler";

    // Taken only if free, run out, or already this server's: one statement, so two servers cannot both win.
    private const string TakeSql = """
        INSERT INTO storage_leases ("Name", "Holder", "ExpiresAt") VALUES (@name, @holder, @until)
        ON CONFLICT ("Name") DO UPDATE SET "Holder" = excluded."Holder", "ExpiresAt" = excluded."ExpiresAt"
        WHERE storage_leases."Holder" = excluded."Holder" OR storage_leases."ExpiresAt" < @now
        RETURNING "Holder"
        """;

    private const string GiveUpSql = """DELETE FROM storage_leases WHERE "Name" = @name AND "Holder" = @holder""";

    private readonly string _holder = Guid.NewGuid().ToString("N");
    private long _heldUntil;

    /// <summary>Whether this server runs the scheduled work now; a lease that could not be renewed stops counting before it runs out.</summary>
    public bool IsHeld => time.GetUtcNow().ToUnixTimeMilliseconds() < Interlocked.Read(ref _heldUntil);

    /// <summary>Before the schedules start: the one that runs at once (reminders, detection) knows already whether it may.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RenewAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SchedulerLease / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RenewAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync gives the lease up.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (IsHeld)
        {
            Interlocked.Exchange(ref _heldUntil, 0);
            await RunAsync(GiveUpSql, 0, cancellationToken);
        }
    }

    /// <summary>Takes or keeps the lease; true while this server holds it.</summary>
    internal async Task<bool> RenewAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        // A little short of the row's expiry: this server stops before another may start.
        var until = now + (long)options.Value.SchedulerLease.TotalMilliseconds;
        var held = await RunAsync(TakeSql, until, cancellationToken) is string holder && holder == _holder;
        var was = IsHeld;
        Interlocked.Exchange(ref _heldUntil, held ? until - (long)(options.Value.SchedulerLease.TotalMilliseconds / 10) : 0);
        if (held != was)
        {
            LogChanged(held);
        }

        return held;
    }

    private async Task<object?> RunAsync(string sql, long until, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await StorageModule.OpenConnectionAsync(options.Value, cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            Add(command, "name", Scheduler);
            Add(command, "holder", _holder);
            Add(command, "until", until);
            Add(command, "now", time.GetUtcNow().ToUnixTimeMilliseconds());
            return await command.ExecuteScalarAsync(cancellationToken);
        }
        catch (System.Data.Common.DbException ex)
        {
            // Not held until the next renewal succeeds; the holder, if another, goes on.
            LogFailed(ex.GetType().Name);
            return null;
        }
    }

    private static void Add(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        (parameter.ParameterName, parameter.Value) = (name, value);
        command.Parameters.Add(parameter);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled work on this server: {Held}")]
    private partial void LogChanged(bool held);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The scheduler lease could not be renewed: {Error}")]
    private partial void LogFailed(string error);
}
