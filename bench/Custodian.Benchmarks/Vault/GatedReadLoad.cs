using System.Diagnostics;
using Custodian.Benchmarks.Support;
using Custodian.Gate;
using Custodian.Staff;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Benchmarks.Vault;

/// <summary>
/// Gated read (purpose check, audit event durable, decryption) against a plain read of the same row,
/// at 1 and 16 concurrent readers, in one run so the ratio is fair on a noisy machine.
/// </summary>
internal static class GatedReadLoad
{
    public static async Task RunAsync(TimeSpan duration, int[] readerCounts)
    {
        // On PostgreSQL when CUSTODIAN_BENCH_POSTGRES names a cluster: where one primary saturates (docs/scaling.md).
        var postgres = Environment.GetEnvironmentVariable("CUSTODIAN_BENCH_POSTGRES") is not null;
        await using var host = await BenchHost.StartAsync(postgres: postgres);
        const int persons = 2_000;
        var vault = host.Get<PersonVault>();
        var enrolment = host.Get<Enrolment>();
        await vault.RegisterManyAsync(Actor.System, Enumerable.Range(0, persons).Select(i => enrolment.Prepare(SyntheticPersons.Registration(i)).Value!).ToList());
        Guid[] ids;
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            ids = await db.Set<Person>().Select(p => p.Id).ToArrayAsync();
        }

        var gate = host.Get<PersonGate>();
        var actor = new Actor(ActorKind.Staff, Guid.NewGuid(), "recruiter");
        // The same database for every column, so the ratios compare reads, not databases.
        await using var safe = await BenchHost.StartAsync(safeManagement: true, postgres: postgres);
        var (safeGate, safeActor, safeIds) = await SafeManagementAsync(safe, ids.Length);
        Console.WriteLine(postgres
            ? "database: PostgreSQL (new databases on the cluster CUSTODIAN_BENCH_POSTGRES names)"
            : "database: SQLite in a temporary folder (set CUSTODIAN_BENCH_POSTGRES for PostgreSQL)");
        Console.WriteLine("| readers | plain reads/s | gated reads/s | gated / plain | with safe management reads/s | safe / gated | CPU per plain read | CPU per gated read | CPU with safe management | prepared plain reads/s | gated / prepared plain |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        var plain = new Mode(ids, async id =>
        {
            await using var db = await host.Db.CreateDbContextAsync();
            _ = await db.Set<Person>().AsNoTracking().FirstAsync(p => p.Id == id);
        });
        var gated = new Mode(ids, async id => Expect(await gate.ReadAsync(actor, id, "service.apply")));
        var withSafe = new Mode(safeIds, async id => Expect(await safeGate.ReadAsync(safeActor, id, "service.apply")));
        // The plain read through the statement the gate itself runs on SQLite (SqliteGateRows): what the gate adds beyond
        // reading the row, where the EF read above also counts EF's cost against the gate's own read.
        SqliteGateRows? rows = null;
        if (!postgres)
        {
            await using var db = await host.Db.CreateDbContextAsync();
            rows = new SqliteGateRows(db);
        }

        using var keptRows = rows;
        var prepared = new Mode(ids, id =>
        {
            _ = rows?.Read(id) ?? throw new InvalidOperationException("The prepared plain read runs on SQLite only.");
            return Task.CompletedTask;
        });
        Mode[] modes = postgres ? [plain, gated, withSafe] : [plain, gated, withSafe, prepared];
        // For a profile of one mode alone (perf record): BENCH_ONLY=0 (plain), 1 (gated), 2 (with safe management), 3 (prepared plain).
        if (Environment.GetEnvironmentVariable("BENCH_ONLY") is { } only)
        {
            modes = [modes[int.Parse(only, System.Globalization.CultureInfo.InvariantCulture)]];
        }

        foreach (var readers in readerCounts)
        {
            // Warm up at the same concurrency until tiered compilation has settled: the figure is a server's steady state.
            foreach (var mode in modes)
            {
                await RunReadersAsync(readers, TimeSpan.FromSeconds(3), mode);
                mode.Reset();
            }

            // The machine is shared and its speed drifts: the modes take turns in one-second slices, so each sees the same drift.
            for (var slice = 0; slice < duration.TotalSeconds; slice++)
            {
                foreach (var mode in modes)
                {
                    await mode.MeasureAsync(readers, TimeSpan.FromSeconds(1));
                }
            }

            Console.WriteLine($"| {readers} | {plain.Rate:N0} | {gated.Rate:N0} | {gated.Rate / plain.Rate:F2} | {withSafe.Rate:N0} | {withSafe.Rate / gated.Rate:F2} | {plain.CpuMicroseconds:F0} µs | {gated.CpuMicroseconds:F0} µs | {withSafe.CpuMicroseconds:F0} µs | {prepared.Rate:N0} | {gated.Rate / prepared.Rate:F2} |");
        }
    }

    private static void Expect(Custodian.Common.Result<PersonView> view)
    {
        if (!view.Succeeded)
        {
            throw new InvalidOperationException(view.Failure!.Code);
        }
    }

    /// <summary>The same persons behind the safe management measures: a trained recruiter with a pledge, and a role limited by category.</summary>
    private static async Task<(PersonGate Gate, Actor Actor, Guid[] Ids)> SafeManagementAsync(BenchHost host, int persons)
    {
        var enrolment = host.Get<Enrolment>();
        await host.Get<PersonVault>().RegisterManyAsync(Actor.System, Enumerable.Range(0, persons).Select(i => enrolment.Prepare(SyntheticPersons.Registration(i)).Value!).ToList());
        Guid[] ids;
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            ids = await db.Set<Person>().Select(p => p.Id).ToArrayAsync();
        }

        var account = (await host.Get<StaffAccounts>().CreateAsync(Actor.System, "bench.recruiter", "a long bench password", "recruiter")).Value!;
        var safe = host.Get<SafeManagement>();
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        await safe.RecordTrainingAsync(Actor.System, account.Id, today);
        await safe.RecordPledgeAsync(Actor.System, account.Id, today);
        var policy = host.Get<Custodian.Policy.PolicyStore>().Default;
        await safe.SetViewsAsync(Actor.System, "recruiter", policy.Categories.Select((c, i) => (c.Id, i % 2 == 0 ? "visible" : "initials")).ToDictionary(p => p.Id, p => p.Item2));
        return (host.Get<PersonGate>(), new Actor(ActorKind.Staff, account.Id, "recruiter"), ids);
    }

    private static Task RunReadersAsync(int readers, TimeSpan duration, Mode mode)
    {
        var stopwatch = Stopwatch.StartNew();
        return Task.WhenAll(Enumerable.Range(0, readers).Select(w => Task.Run(async () =>
        {
            var i = w * 7919;
            while (stopwatch.Elapsed < duration)
            {
                await mode.Read(mode.Ids[i++ % mode.Ids.Length]);
                Interlocked.Increment(ref mode.Count);
            }
        })));
    }

    private sealed class Mode(Guid[] ids, Func<Guid, Task> read)
    {
        public readonly Guid[] Ids = ids;
        public readonly Func<Guid, Task> Read = read;
        public long Count;
        private TimeSpan _elapsed;
        private TimeSpan _cpu;

        public double Rate => Count / _elapsed.TotalSeconds;

        // The machine is shared: CPU per read is the figure other processes move least.
        public double CpuMicroseconds => _cpu.TotalMicroseconds / Count;

        public void Reset() => (Count, _elapsed, _cpu) = (0, TimeSpan.Zero, TimeSpan.Zero);

        public async Task MeasureAsync(int readers, TimeSpan duration)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            await RunReadersAsync(readers, duration, this);
            _elapsed += stopwatch.Elapsed;
            _cpu += Process.GetCurrentProcess().TotalProcessorTime - cpu;
        }
    }
}
