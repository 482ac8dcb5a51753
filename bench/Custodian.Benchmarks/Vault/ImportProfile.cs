using System.Diagnostics;
using System.Globalization;
using Custodian.Benchmarks.Support;
using Custodian.Gate;
using Custodian.Vault;
using CsvHelper;
using CsvHelper.Configuration;

namespace Custodian.Benchmarks.Vault;

/// <summary>
/// Where an import's time goes, phase by phase, each alone (<c>import-profile 100000 [postgres]</c>): reading the CSV,
/// the policy check, the blind indexes, sealing (each on one core), and the writer alone with everything sealed ahead
/// of it. The sum against the whole command's wall clock shows what runs in parallel and what waits.
/// </summary>
internal static class ImportProfile
{
    public static async Task RunAsync(int count, bool postgres)
    {
        var csv = Path.Combine(Path.GetTempPath(), $"custodian-profile-{count}.csv");
        if (!File.Exists(csv))
        {
            ImportLoad.WriteCsv(count, csv);
        }

        await using var host = await BenchHost.StartAsync(postgres: postgres);
        var enrolment = host.Get<Enrolment>();
        var duplicates = host.Get<ImportDuplicates>();
        var vault = host.Get<PersonVault>();
        var timings = new Dictionary<string, (TimeSpan Wall, TimeSpan Cpu)>();
        var process = Process.GetCurrentProcess();
        var cpu = Cpu(process);
        var phase = Stopwatch.StartNew();
        cpu = Cpu(process);
        var rows = new List<Registration>(count);
        using (var reader = new StreamReader(csv))
        using (var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture)))
        {
            parser.Read();
            var header = parser.Record!;
            while (parser.Read())
            {
                var record = parser.Record!;
                var items = new Dictionary<string, string?>(header.Length);
                for (var i = 0; i < header.Length; i++)
                {
                    items[header[i]] = record[i];
                }

                rows.Add(new Registration("service-application", items));
            }
        }

        timings["read CSV (1 core)"] = (phase.Elapsed, Cpu(process) - cpu);
        cpu = Cpu(process);
        phase.Restart();
        var checkedRows = rows.ConvertAll(r => enrolment.Check(r).Value!);
        timings["policy check (1 core)"] = (phase.Elapsed, Cpu(process) - cpu);
        cpu = Cpu(process);
        phase.Restart();
        var digests = checkedRows.ConvertAll(duplicates.Digests);
        timings["blind indexes for duplicates (1 core)"] = (phase.Elapsed, Cpu(process) - cpu);
        cpu = Cpu(process);
        phase.Restart();
        await using (var scan = await duplicates.OpenAsync())
        {
            foreach (var chunk in digests.Chunk(4096))
            {
                await scan.NextAsync(chunk, CancellationToken.None);
            }
        }

        timings["duplicate look-up and within-file set"] = (phase.Elapsed, Cpu(process) - cpu);
        cpu = Cpu(process);
        TimeSpan seal = TimeSpan.Zero, write = TimeSpan.Zero, sealCpu = TimeSpan.Zero, writeCpu = TimeSpan.Zero;
        foreach (var batch in checkedRows.Chunk(16_000))
        {
            phase.Restart();
            cpu = Cpu(process);
            var persons = Array.ConvertAll(batch, enrolment.Enrol);
            seal += phase.Elapsed;
            sealCpu += Cpu(process) - cpu;
            phase.Restart();
            cpu = Cpu(process);
            await vault.RegisterManyAsync(Actor.System, persons);
            write += phase.Elapsed;
            writeCpu += Cpu(process) - cpu;
        }

        timings["seal (1 core)"] = (seal, sealCpu);
        timings["write, 16,000 per transaction (writer alone)"] = (write, writeCpu);
        Console.WriteLine($"| phase ({count:N0} rows, {(postgres ? "PostgreSQL" : "SQLite")}) | wall | CPU µs per row |");
        Console.WriteLine("|---|---|---|");
        foreach (var (name, (wall, used)) in timings)
        {
            Console.WriteLine($"| {name} | {wall.TotalSeconds:F2} s | {used.TotalMicroseconds / count:F1} |");
        }
    }

    // The machine is shared: CPU per row is the figure other processes move least.
    private static TimeSpan Cpu(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }
}
