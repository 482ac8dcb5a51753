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
        var enrolment = host.Get<Enrolment>();
        var rows = Enumerable.Range(0, count).Select(SyntheticPersons.Registration).ToList();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        // The same steps as `custodian import`: check every row on every core, look duplicates up, then seal and write in batches.
        var prepared = rows.AsParallel().AsOrdered().Select(enrolment.Check).ToList();
        var checkTime = stopwatch.Elapsed;
        process.Refresh();
        var checkCpu = process.TotalProcessorTime - cpu;
        var checkedRows = prepared.Count(p => p.Succeeded);
        var rowsToImport = prepared.ConvertAll(p => p.Value!);
        var skipped = (await host.Get<ImportDuplicates>().FindAsync(rowsToImport)).Select(d => d.Row).ToHashSet();
        var lookUpTime = stopwatch.Elapsed - checkTime;
        await vault.ImportAsync(Actor.System, rowsToImport.Where((_, i) => !skipped.Contains(i)).ToList());

        stopwatch.Stop();
        process.Refresh();
        // The machine is shared: CPU per person is the figure other processes move least.
        var totalCpu = process.TotalProcessorTime - cpu;
        Console.WriteLine($"| persons | skipped as duplicates | check | duplicate look-up | total | persons/s | CPU per person: check | CPU per person: look up, seal and write |");
        Console.WriteLine($"|---|---|---|---|---|---|---|---|");
        Console.WriteLine($"| {checkedRows:N0} | {skipped.Count:N0} | {checkTime.TotalSeconds:F2} s | {lookUpTime.TotalSeconds:F2} s | {stopwatch.Elapsed.TotalSeconds:F2} s | {count / stopwatch.Elapsed.TotalSeconds:N0} | " +
            $"{checkCpu.TotalMicroseconds / count:F1} µs | {(totalCpu - checkCpu).TotalMicroseconds / count:F1} µs |");
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

    public static void WriteJsonLines(int count, string path)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        for (var i = 0; i < count; i++)
        {
            writer.WriteLine(System.Text.Json.JsonSerializer.Serialize(SyntheticPersons.Items(i)));
        }
    }
}
