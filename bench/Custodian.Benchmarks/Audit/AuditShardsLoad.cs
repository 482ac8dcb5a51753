using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Threading.Channels;
using Custodian.Audit;
using Custodian.Benchmarks.Support;
using Npgsql;

namespace Custodian.Benchmarks.Audit;

/// <summary>
/// The audit chain past one primary, simulated on one PostgreSQL: the events of <c>N</c> shards (by person id) each form
/// a chain of their own with its own group committer, and once a second every shard's head is read and signed into one
/// cross-shard checkpoint. Appends/s and latency for N = 1 (today's single chain) and more, from the same writers, in one
/// run; then every shard chain is verified link by link. Also today's <see cref="AuditLog"/> on the same cluster, for scale.
/// </summary>
internal static class AuditShardsLoad
{
    private const int MaxGroup = 256;

    public static async Task RunAsync(TimeSpan duration, int writers, int[] shardCounts)
    {
        Console.WriteLine($"host load average: {(await File.ReadAllTextAsync("/proc/loadavg")).Trim()}; {Environment.ProcessorCount} cores; {writers} writers, {duration.TotalSeconds:F0} s each");
        Console.WriteLine("| chains | appends/s | p50 ms | p99 ms | checkpoints | chains verify |");
        Console.WriteLine("|---|---|---|---|---|---|");
        await RealAuditLogAsync(duration, writers);
        foreach (var shards in shardCounts)
        {
            await SimulateAsync(duration, writers, shards);
        }
    }

    /// <summary>Today's chain: the server's own AuditLog (one chain, one group committer) on a new database.</summary>
    private static async Task RealAuditLogAsync(TimeSpan duration, int writers)
    {
        await using var host = await BenchHost.StartAsync(postgres: true);
        var audit = host.Get<AuditLog>();
        var latencies = await LoadAsync(writers, duration, _ => audit.RecordAsync(new AuditEntry(
            AuditEventType.PersonRead, "staff:bench", AuditOutcome.Allowed, Guid.NewGuid(), "service.apply", "name,email")));
        Report("1 (AuditLog)", latencies, duration, "—", "—");
    }

    private static async Task SimulateAsync(TimeSpan duration, int writers, int shards)
    {
        var connection = await BenchHost.NewPostgresDatabaseAsync();
        await using var source = NpgsqlDataSource.Create(connection);
        await using (var create = source.CreateCommand("""
            CREATE TABLE shard_event (shard int, seq bigint, at timestamptz NOT NULL, actor text NOT NULL, person_id uuid, purpose text,
                items text, hash bytea NOT NULL, PRIMARY KEY (shard, seq));
            CREATE TABLE shard_head (shard int PRIMARY KEY, seq bigint NOT NULL, hash bytea NOT NULL);
            CREATE TABLE shard_checkpoint (id bigserial PRIMARY KEY, at timestamptz NOT NULL, heads bytea NOT NULL, signature bytea NOT NULL);
            """))
        {
            await create.ExecuteNonQueryAsync();
        }

        var key = RandomNumberGenerator.GetBytes(32);
        var chains = Enumerable.Range(0, shards).Select(s => new ShardChain(source, s)).ToArray();
        foreach (var chain in chains)
        {
            await chain.CreateHeadAsync();
        }

        using var stop = new CancellationTokenSource();
        var checkpoints = CheckpointLoopAsync(source, key, stop.Token);
        var latencies = await LoadAsync(writers, duration, _ =>
        {
            var person = Guid.NewGuid();
            return chains[(int)((uint)person.GetHashCode() % (uint)shards)].AppendAsync(person);
        });
        await stop.CancelAsync();
        var written = await checkpoints;
        foreach (var chain in chains)
        {
            chain.Complete();
        }

        var verified = true;
        foreach (var chain in chains)
        {
            verified &= await chain.VerifyAsync();
        }

        Report(shards.ToString(CultureInfo.InvariantCulture), latencies, duration, written.ToString(CultureInfo.InvariantCulture), verified ? "yes" : "**no**");
    }

    /// <summary>Once a second: every shard's head in one read, signed together; a shard's events up to its head are then covered.</summary>
    private static async Task<int> CheckpointLoopAsync(NpgsqlDataSource source, byte[] key, CancellationToken stop)
    {
        var written = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                await using var connection = await source.OpenConnectionAsync(stop);
                var heads = new MemoryStream();
                await using (var read = new NpgsqlCommand("SELECT shard, seq, hash FROM shard_head ORDER BY shard", connection))
                await using (var reader = await read.ExecuteReaderAsync(stop))
                {
                    var buffer = new byte[12];
                    while (await reader.ReadAsync(stop))
                    {
                        BinaryPrimitives.WriteInt32BigEndian(buffer, reader.GetInt32(0));
                        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(4), reader.GetInt64(1));
                        heads.Write(buffer);
                        heads.Write((byte[])reader[2]);
                    }
                }

                var signed = heads.ToArray();
                await using var insert = new NpgsqlCommand("INSERT INTO shard_checkpoint (at, heads, signature) VALUES (now(), $1, $2)", connection);
                insert.Parameters.Add(new NpgsqlParameter { Value = signed });
                insert.Parameters.Add(new NpgsqlParameter { Value = HMACSHA256.HashData(key, signed) });
                await insert.ExecuteNonQueryAsync(stop);
                written++;
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }

        return written;
    }

    private static async Task<List<double>> LoadAsync(int writers, TimeSpan duration, Func<int, Task> append)
    {
        var warm = Stopwatch.StartNew();
        var all = new List<double>[writers];
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var mine = all[w] = new List<double>(65_536);
            // Two seconds' warm-up at the same concurrency, not counted.
            while (warm.Elapsed < TimeSpan.FromSeconds(2))
            {
                await append(w);
            }

            var until = TimeSpan.FromSeconds(2) + duration;
            while (warm.Elapsed < until)
            {
                var started = Stopwatch.GetTimestamp();
                await append(w);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        return all.SelectMany(l => l).Order().ToList();
    }

    private static void Report(string chains, List<double> sorted, TimeSpan duration, string checkpoints, string verified) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {chains} | {sorted.Count / duration.TotalSeconds:N0} | {sorted[sorted.Count / 2]:F1} | {sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * 0.99))]:F1} | {checkpoints} | {verified} |"));

    /// <summary>One shard's chain: appends queue to its one committer, which chains and commits each group in one transaction.</summary>
    private sealed class ShardChain
    {
        private readonly NpgsqlDataSource _source;
        private readonly int _shard;
        private readonly Channel<(Guid Person, TaskCompletionSource Done)> _queue = Channel.CreateUnbounded<(Guid, TaskCompletionSource)>(new() { SingleReader = true });
        private readonly Task _committer;

        public ShardChain(NpgsqlDataSource source, int shard)
        {
            (_source, _shard) = (source, shard);
            _committer = Task.Run(CommitLoopAsync);
        }

        public async Task CreateHeadAsync()
        {
            await using var command = _source.CreateCommand("INSERT INTO shard_head VALUES ($1, 0, $2)");
            command.Parameters.Add(new NpgsqlParameter { Value = _shard });
            command.Parameters.Add(new NpgsqlParameter { Value = AuditHash.Genesis });
            await command.ExecuteNonQueryAsync();
        }

        public Task AppendAsync(Guid person)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _queue.Writer.TryWrite((person, done));
            return done.Task;
        }

        public void Complete() => _queue.Writer.TryComplete();

        private async Task CommitLoopAsync()
        {
            var batch = new List<(Guid Person, TaskCompletionSource Done)>(MaxGroup);
            while (await _queue.Reader.WaitToReadAsync())
            {
                batch.Clear();
                while (batch.Count < MaxGroup && _queue.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                await CommitAsync(batch);
                batch.ForEach(b => b.Done.TrySetResult());
            }
        }

        private async Task CommitAsync(List<(Guid Person, TaskCompletionSource Done)> batch)
        {
            await using var connection = await _source.OpenConnectionAsync();
            await using var tx = await connection.BeginTransactionAsync();
            long seq;
            byte[] prev;
            await using (var head = new NpgsqlCommand("SELECT seq, hash FROM shard_head WHERE shard = $1 FOR UPDATE", connection, tx))
            {
                head.Parameters.Add(new NpgsqlParameter { Value = _shard });
                await using var reader = await head.ExecuteReaderAsync();
                await reader.ReadAsync();
                (seq, prev) = (reader.GetInt64(0), (byte[])reader[1]);
            }

            var at = TimeProvider.System.GetUtcNow().UtcDateTime;
            at = at.AddTicks(-(at.Ticks % TimeSpan.TicksPerMicrosecond));
            await using (var copy = await connection.BeginBinaryImportAsync("COPY shard_event (shard, seq, at, actor, person_id, purpose, items, hash) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var (person, _) in batch)
                {
                    var hash = new byte[32];
                    AuditHash.Compute(++seq, at.Ticks, (int)AuditEventType.PersonRead, (int)AuditOutcome.Allowed, "staff:bench", person, "service.apply", "name,email", null, null, prev, hash);
                    prev = hash;
                    await copy.StartRowAsync();
                    await copy.WriteAsync(_shard);
                    await copy.WriteAsync(seq);
                    await copy.WriteAsync(at, NpgsqlTypes.NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync("staff:bench");
                    await copy.WriteAsync(person);
                    await copy.WriteAsync("service.apply");
                    await copy.WriteAsync("name,email");
                    await copy.WriteAsync(hash);
                }

                await copy.CompleteAsync();
            }

            await using (var update = new NpgsqlCommand("UPDATE shard_head SET seq = $2, hash = $3 WHERE shard = $1", connection, tx))
            {
                update.Parameters.Add(new NpgsqlParameter { Value = _shard });
                update.Parameters.Add(new NpgsqlParameter { Value = seq });
                update.Parameters.Add(new NpgsqlParameter { Value = prev });
                await update.ExecuteNonQueryAsync();
            }

            await tx.CommitAsync();
        }

        /// <summary>Every link of this shard's chain, recomputed from its rows in order.</summary>
        public async Task<bool> VerifyAsync()
        {
            await _committer;
            await using var command = _source.CreateCommand("SELECT seq, at, person_id, hash FROM shard_event WHERE shard = $1 ORDER BY seq");
            command.Parameters.Add(new NpgsqlParameter { Value = _shard });
            await using var reader = await command.ExecuteReaderAsync();
            var prev = AuditHash.Genesis;
            var expected = new byte[32];
            long next = 1;
            while (await reader.ReadAsync())
            {
                var seq = reader.GetInt64(0);
                AuditHash.Compute(seq, reader.GetDateTime(1).Ticks, (int)AuditEventType.PersonRead, (int)AuditOutcome.Allowed, "staff:bench", reader.GetGuid(2), "service.apply", "name,email", null, null, prev, expected);
                var hash = (byte[])reader[3];
                if (seq != next++ || !hash.AsSpan().SequenceEqual(expected))
                {
                    return false;
                }

                prev = hash;
            }

            return true;
        }
    }
}
