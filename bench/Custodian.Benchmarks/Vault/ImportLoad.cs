using System.Diagnostics;
using System.Text;
using Custodian.Benchmarks.Support;
using Custodian.Gate;
using Custodian.Vault;

namespace Custodian.Benchmarks.Vault;

/// <summary>Registering persons in the batches <c>custodian import</c> uses, and a CSV for timing the command itself.</summary>
internal static class ImportLoad
{
    public static async Task RunAsync(int count)
    {
        await using var host = await BenchHost.StartAsync();
        var vault = host.Get<PersonVault>();
        var rows = Enumerable.Range(0, count).Select(SyntheticPersons.Registration).ToList();
        var stopwatch = Stopwatch.StartNew();
        var checkedRows = rows.Count(r => vault.Check(r).Count == 0);
        var checkTime = stopwatch.Elapsed;
        foreach (var batch in rows.Chunk(2000))
        {
            await vault.RegisterManyAsync(Actor.System, batch);
        }

        stopwatch.Stop();
        Console.WriteLine($"| persons | check | total | persons/s |");
        Console.WriteLine($"|---|---|---|---|");
        Console.WriteLine($"| {checkedRows:N0} | {checkTime.TotalSeconds:F2} s | {stopwatch.Elapsed.TotalSeconds:F2} s | {count / stopwatch.Elapsed.TotalSeconds:N0} |");
    }

    public static void WriteCsv(int count, string path)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.WriteLine(string.Join(',', SyntheticPersons.Columns));
        for (var i = 0; i < count; i++)
        {
            var items = SyntheticPersons.Items(i);
            writer.WriteLine(string.Join(',', SyntheticPersons.Columns.Select(c => '"' + items[c]!.Replace("\"", "\"\"", StringComparison.Ordinal) + '"')));
        }
    }
}
