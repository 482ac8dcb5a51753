using System.Diagnostics;
using Custodian.Anonymization;
using Custodian.Audit;
using Custodian.Benchmarks.Support;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Custodian.Benchmarks.Anonymization;

/// <summary>A release of anonymized processed information over a vault of <c>count</c> persons, end to end, on SQLite.</summary>
internal static class ReleaseLoad
{
    public static async Task RunAsync(int count)
    {
        await using var host = await BenchHost.StartAsync();
        var vault = host.Get<PersonVault>();
        var seed = Stopwatch.StartNew();
        foreach (var batch in Enumerable.Range(0, count).Select(SyntheticPersons.Registration).Chunk(2000))
        {
            await vault.RegisterManyAsync(Actor.System, batch);
        }

        // One person in a hundred has asked for suspension of use: the release must leave them out.
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            var ids = await db.Set<Person>().Select(p => p.Id).ToListAsync();
            var suspended = ids.Where((_, i) => i % 100 == 0).ToList();
            foreach (var chunk in suspended.Chunk(500))
            {
                await db.Set<Person>().Where(p => chunk.Contains(p.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.State, PersonState.UseSuspended));
            }
        }

        Console.WriteLine($"seeded {count:N0} persons in {seed.Elapsed.TotalSeconds:F1} s");
        var options = Options.Create(new ReleaseOptions());
        var gate = host.Get<PersonGate>();
        var releases = new AnonymizedReleases(host.Db, host.Get<PolicyStore>(), gate, host.Get<AuditLog>(), TimeProvider.System, options);
        var statistics = new VaultStatistics(gate, host.Get<PolicyStore>(), host.Get<AuditLog>(), TimeProvider.System, options);

        Console.WriteLine("| run | end to end | gate | steps 1–4 | step 5 + CSV | store | included | left out | transformation | suppressed | classes |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        for (var run = 1; run <= 3; run++)
        {
            var clock = Stopwatch.StartNew();
            var result = await releases.CreateAsync(Actor.System, new ReleaseRequest(K: 5, SuppressionLimit: 0.05));
            clock.Stop();
            var r = result.Value ?? throw new InvalidOperationException(result.Failure!.Detail);
            var t = r.TimingsMs;
            Console.WriteLine($"| {run} | {clock.Elapsed.TotalSeconds:F2} s | {t["gate"] / 1000.0:F2} s | {t["steps"] / 1000.0:F2} s | {t["anonymize"] / 1000.0:F2} s | {t["store"] / 1000.0:F2} s | {r.PersonsIncluded:N0} | {r.PersonsConsidered - r.PersonsIncluded:N0} | [{string.Join(',', r.Transformation)}] | {r.SuppressedRows:N0} | {r.Classes:N0} |");
        }

        var stats = Stopwatch.StartNew();
        var table = await statistics.CountAsync(Actor.System, "age-band");
        Console.WriteLine($"statistics by age band over the vault: {stats.Elapsed.TotalSeconds:F2} s, {table.Value!.Cells.Count} cells");

        // The per-person gate on a sample, for the ratio that justified the batch path.
        await using var sampleDb = await host.Db.CreateDbContextAsync();
        var sample = await sampleDb.Set<Person>().Where(p => p.State == PersonState.Active).Select(p => p.Id).Take(2000).ToListAsync();
        var single = Stopwatch.StartNew();
        await Parallel.ForEachAsync(sample, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) =>
            await gate.UseAsync(Actor.System, id, "service.statistics", GateUse.Release, ct));
        single.Stop();
        Console.WriteLine($"per-person gate, 2,000 persons, 8 concurrent: {single.Elapsed.TotalSeconds:F2} s ({sample.Count / single.Elapsed.TotalSeconds:N0} persons/s)");
    }
}
