using System.Diagnostics;
using System.Globalization;
using Custodian.Benchmarks.Support;
using Custodian.Gate;
using Custodian.Vault;
using Custodian.Vault.Keys;

namespace Custodian.Benchmarks.Vault;

/// <summary>
/// <c>key-rotation [persons] [sqlite|postgres] [readers]</c>: <c>custodian keys rotate</c> over that many persons
/// (100,000 by default), 1,000 data keys per transaction, with readers (4 by default) going through the gate meanwhile
/// as a running server would.
/// </summary>
internal static class KeyRotationLoad
{
    public static async Task RunAsync(int count, string provider, int readerCount)
    {
        await using var host = await BenchHost.StartAsync(postgres: provider == "postgres");
        var enrolment = host.Get<Enrolment>();
        var rows = Enumerable.Range(0, count).Select(SyntheticPersons.Registration).AsParallel().AsOrdered().Select(r => enrolment.Check(r).Value!).ToList();
        var ids = await host.Get<PersonVault>().ImportAsync(Actor.System, rows) == count ? await PersonIdsAsync(host) : throw new InvalidOperationException("The import fell short.");

        var rotation = host.Get<KeyRotation>();
        var process = Process.GetCurrentProcess();
        var gate = host.Get<PersonGate>();
        if (readerCount > 0)
        {
            // The readers' rate alone first, for the ratio within this run.
            var baseline = Stopwatch.StartNew();
            using var alone = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var readsAlone = (await Task.WhenAll(Enumerable.Range(0, readerCount).Select(r => ReadAsync(gate, ids, r, readerCount, alone.Token)))).Sum();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gated reads alone: {readsAlone / baseline.Elapsed.TotalSeconds:N0}/s"));
        }

        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, readerCount).Select(r => ReadAsync(gate, ids, r, readerCount, stop.Token)).ToArray();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        using var plan = (await rotation.StartAsync()).Value!;
        var started = watch.Elapsed;
        var done = (await rotation.FinishAsync(plan, batchSize: 1000)).Value!;
        watch.Stop();
        await stop.CancelAsync();
        var reads = (await Task.WhenAll(readers)).Sum();
        process.Refresh();
        Console.WriteLine("| persons | database | start (new key, key check) | re-wrap and audit | total | keys/s | gated reads meanwhile | CPU per key, readers included |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {done.Rewrapped:N0} | {provider} | {started.TotalSeconds:F2} s | {(watch.Elapsed - started).TotalSeconds:F2} s | {watch.Elapsed.TotalSeconds:F2} s | " +
            $"{done.Rewrapped / watch.Elapsed.TotalSeconds:N0} | {reads / watch.Elapsed.TotalSeconds:N0}/s ({readerCount} readers) | {(process.TotalProcessorTime - cpu).TotalMicroseconds / done.Rewrapped:F1} µs |"));
    }

    private static async Task<Guid[]> PersonIdsAsync(BenchHost host)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        return [.. db.Set<Person>().Select(p => p.Id)];
    }

    private static async Task<long> ReadAsync(PersonGate gate, Guid[] ids, int reader, int readers, CancellationToken stop)
    {
        var reads = 0L;
        for (var i = reader; !stop.IsCancellationRequested; i += readers)
        {
            var read = await gate.ReadAsync(Actor.System, ids[i % ids.Length], "service.apply", CancellationToken.None);
            reads += read.Succeeded ? 1 : throw new InvalidOperationException($"A read failed during the rotation: {read.Failure!.Code}.");
        }

        return reads;
    }
}
