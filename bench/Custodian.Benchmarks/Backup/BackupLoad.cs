using System.Diagnostics;
using Custodian.Backup;
using Custodian.Benchmarks.Support;
using Custodian.Gate;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Custodian.Benchmarks.Backup;

/// <summary>
/// <c>backup create</c> of a database of <c>count</c> persons while gated readers keep reading (each read an audit
/// event, committed in groups): how long the backup takes, and the readers' rate beside it against their rate alone.
/// </summary>
internal static class BackupLoad
{
    public static async Task RunAsync(int count, int readers)
    {
        await using var host = await BenchHost.StartAsync();
        var imported = Stopwatch.StartNew();
        var rows = Enumerable.Range(0, count).Select(i => host.Get<Enrolment>().Check(SyntheticPersons.Registration(i)).Value!).ToList();
        await host.Get<PersonVault>().ImportAsync(Actor.System, rows);
        Console.WriteLine($"imported {count:N0} persons in {imported.Elapsed.TotalSeconds:F1} s");
        Guid[] ids;
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            ids = await db.Set<Person>().Select(p => p.Id).ToArrayAsync();
        }

        var storage = host.Get<IOptions<StorageOptions>>();
        var creator = new BackupCreator(storage, Options.Create(new BackupOptions()), TimeProvider.System);
        var gate = host.Get<PersonGate>();
        var actor = new Actor(ActorKind.Staff, Guid.NewGuid(), "recruiter");
        long reads = 0;
        using var stop = new CancellationTokenSource();
        var readerTasks = Enumerable.Range(0, readers).Select(r => Task.Run(async () =>
        {
            var random = new Random(r);
            while (!stop.IsCancellationRequested)
            {
                var read = await gate.ReadAsync(actor, ids[random.Next(ids.Length)], "service.apply");
                if (!read.Succeeded)
                {
                    throw new InvalidOperationException(read.Failure!.Code);
                }

                Interlocked.Increment(ref reads);
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(3));
        var alone = await RateAsync(() => Task.Delay(TimeSpan.FromSeconds(5)));
        Console.WriteLine("| persons | database + WAL | backup file | backup create | readers | reads/s alone | reads/s during the backup | during / alone |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        for (var run = 0; run < 3; run++)
        {
            var file = Path.Combine(host.Directory, $"bench-{run}.cbk");
            var timer = Stopwatch.StartNew();
            TimeSpan took = default;
            var during = await RateAsync(async () =>
            {
                var made = await creator.CreateAsync(file);
                took = timer.Elapsed;
                if (!made.Succeeded)
                {
                    throw new InvalidOperationException(made.Failure!.Detail);
                }
            });
            var database = Directory.GetFiles(host.Directory, "custodian.db*").Sum(f => new FileInfo(f).Length);
            Console.WriteLine($"| {count:N0} | {database / 1e6:F0} MB | {new FileInfo(file).Length / 1e6:F0} MB | **{took.TotalSeconds:F2} s** | {readers} | {alone:N0} | {during:N0} | {during / alone:F2} |");
            File.Delete(file);
        }

        await stop.CancelAsync();
        await Task.WhenAll(readerTasks);

        async Task<double> RateAsync(Func<Task> during)
        {
            var before = Interlocked.Read(ref reads);
            var clock = Stopwatch.StartNew();
            await during();
            return (Interlocked.Read(ref reads) - before) / clock.Elapsed.TotalSeconds;
        }
    }
}
