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
        await using var host = await BenchHost.StartAsync();
        const int persons = 2_000;
        var vault = host.Get<PersonVault>();
        var enrolment = host.Get<Enrolment>();
        await vault.RegisterManyAsync(Actor.System, Enumerable.Range(0, persons).Select(i => enrolment.Prepare(SyntheticPersons.Registration(i)).Value!).ToList());
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            ids = await db.Set<Person>().Select(p => p.Id).ToArrayAsync();
        }

        var gate = host.Get<PersonGate>();
        var actor = new Actor(ActorKind.Staff, Guid.NewGuid(), "recruiter");
        await using var safe = await BenchHost.StartAsync(safeManagement: true);
        var (safeGate, safeActor) = await SafeManagementAsync(safe, ids.Length);
        Console.WriteLine("| readers | plain reads/s | gated reads/s | gated / plain | with safe management reads/s | safe / gated | CPU per plain read | CPU per gated read | CPU with safe management |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var readers in readerCounts)
        {
            var plain = await MeasureAsync(readers, duration, async id =>
            {
                await using var db = await host.Db.CreateDbContextAsync();
                _ = await db.Set<Person>().AsNoTracking().FirstAsync(p => p.Id == id);
            });
            var gated = await MeasureAsync(readers, duration, async id =>
            {
                var view = await gate.ReadAsync(actor, id, "service.apply");
                if (!view.Succeeded)
                {
                    throw new InvalidOperationException(view.Failure!.Code);
                }
            });
            var safeIds = ids;
            ids = _safeIds;
            var withSafe = await MeasureAsync(readers, duration, async id =>
            {
                var view = await safeGate.ReadAsync(safeActor, id, "service.apply");
                if (!view.Succeeded)
                {
                    throw new InvalidOperationException(view.Failure!.Code);
                }
            });
            ids = safeIds;
            Console.WriteLine($"| {readers} | {plain.Rate:N0} | {gated.Rate:N0} | {gated.Rate / plain.Rate:F2} | {withSafe.Rate:N0} | {withSafe.Rate / gated.Rate:F2} | {plain.CpuMicroseconds:F0} µs | {gated.CpuMicroseconds:F0} µs | {withSafe.CpuMicroseconds:F0} µs |");
        }
    }

    private static Guid[] ids = [];
    private static Guid[] _safeIds = [];

    /// <summary>The same persons behind the safe management measures: a trained recruiter with a pledge, and a role limited by category.</summary>
    private static async Task<(PersonGate Gate, Actor Actor)> SafeManagementAsync(BenchHost host, int persons)
    {
        var enrolment = host.Get<Enrolment>();
        await host.Get<PersonVault>().RegisterManyAsync(Actor.System, Enumerable.Range(0, persons).Select(i => enrolment.Prepare(SyntheticPersons.Registration(i)).Value!).ToList());
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            _safeIds = await db.Set<Person>().Select(p => p.Id).ToArrayAsync();
        }

        var account = (await host.Get<StaffAccounts>().CreateAsync(Actor.System, "bench.recruiter", "a long bench password", "recruiter")).Value!;
        var safe = host.Get<SafeManagement>();
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        await safe.RecordTrainingAsync(Actor.System, account.Id, today);
        await safe.RecordPledgeAsync(Actor.System, account.Id, today);
        var policy = host.Get<Custodian.Policy.PolicyStore>().Default;
        await safe.SetViewsAsync(Actor.System, "recruiter", policy.Categories.Select((c, i) => (c.Id, i % 2 == 0 ? "visible" : "initials")).ToDictionary(p => p.Id, p => p.Item2));
        return (host.Get<PersonGate>(), new Actor(ActorKind.Staff, account.Id, "recruiter"));
    }

    private static async Task<(double Rate, double CpuMicroseconds)> MeasureAsync(int readers, TimeSpan duration, Func<Guid, Task> read)
    {
        // Warm up, then count completed reads in the window.
        for (var i = 0; i < 200; i++)
        {
            await read(ids[i % ids.Length]);
        }

        long count = 0;
        // The machine is shared: CPU per read is the figure other processes move least.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, readers).Select(w => Task.Run(async () =>
        {
            var i = w * 7919;
            while (stopwatch.Elapsed < duration)
            {
                await read(ids[i++ % ids.Length]);
                Interlocked.Increment(ref count);
            }
        }));
        await Task.WhenAll(workers);
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        return (count / stopwatch.Elapsed.TotalSeconds, cpu.TotalMicroseconds / count);
    }
}
