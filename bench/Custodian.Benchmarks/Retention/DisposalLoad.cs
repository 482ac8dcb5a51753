using System.Diagnostics;
using Custodian.Benchmarks.Support;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Retention;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Benchmarks.Retention;

/// <summary>
/// A disposal run over persons whose service ended four years ago: imported as <c>custodian import</c> does, then
/// dated back, then disposed of by the persons rule (erased through the vault in batches, one event each). For scale,
/// the same number of single erasures is timed on a sample.
/// </summary>
internal static class DisposalLoad
{
    public static async Task RunAsync(int count, int sample = 1000)
    {
        await using var host = await BenchHost.StartAsync();
        var rows = Enumerable.Range(0, count + sample).Select(SyntheticPersons.Registration).Select(r => host.Get<Enrolment>().Check(r).Value!).ToList();
        await host.Get<PersonVault>().ImportAsync(Actor.System, rows);
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            var past = host.Get<TimeProvider>().GetUtcNow().UtcDateTime.AddYears(-4);
            await db.Set<Person>().ExecuteUpdateAsync(s => s.SetProperty(p => p.RegisteredAt, past).SetProperty(p => p.UpdatedAt, past));
        }

        // The sample goes one by one first, through the API's erasure, so the run below sees exactly `count` persons.
        List<Guid> sampleIds;
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            sampleIds = await db.Set<Person>().OrderBy(p => p.Id).Take(sample).Select(p => p.Id).ToListAsync();
        }

        var single = Stopwatch.StartNew();
        foreach (var id in sampleIds)
        {
            await host.Get<PersonVault>().EraseAsync(Actor.System, id);
        }

        single.Stop();
        var run = host.Get<DisposalRun>();
        var stopwatch = Stopwatch.StartNew();
        var report = await run.RunAsync(Actor.System, dryRun: false);
        stopwatch.Stop();
        var persons = report.Lines.Where(l => l.Rule.Kind == RecordKind.Persons).Sum(l => l.Count);
        var verify = Stopwatch.StartNew();
        var verification = await host.Get<Custodian.Audit.AuditVerifier>().VerifyAsync();
        verify.Stop();
        var perSingle = single.Elapsed.TotalMilliseconds / sample;
        var perBulk = stopwatch.Elapsed.TotalMilliseconds / Math.Max(1, persons);
        Console.WriteLine("| persons disposed | disposal run | persons/s | single erasure (sample) | bulk ÷ single per person | chain verify after |");
        Console.WriteLine("|---|---|---|---|---|---|");
        Console.WriteLine($"| {persons:N0} | {stopwatch.Elapsed.TotalSeconds:F2} s | {persons / stopwatch.Elapsed.TotalSeconds:N0} | {perSingle:F2} ms/person ({sample:N0}) | {perBulk / perSingle:F3} | {(verification.Intact ? "intact" : "BROKEN")}, {verify.Elapsed.TotalSeconds:F2} s |");
    }
}
