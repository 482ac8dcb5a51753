using System.Diagnostics;
using System.Text;
using Custodian.Benchmarks.Support;
using Custodian.Gate;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Benchmarks.Vault;

/// <summary>Registering persons in the batches <c>custodian import</c> uses, and a CSV for timing the command itself.</summary>
internal static class ImportLoad
{
    /// <summary>On PostgreSQL when <c>CUSTODIAN_BENCH_POSTGRES</c> names a cluster (a new database on it), else SQLite.</summary>
    public static async Task RunAsync(int count)
    {
        var postgres = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CUSTODIAN_BENCH_POSTGRES"));
        await using var host = await BenchHost.StartAsync(postgres: postgres);
        var server = postgres ? await ServerCpuAsync(host) : null;
        var serverCpu = server?.Total() ?? TimeSpan.Zero;
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
        // PostgreSQL runs on the same cores: its backends' and WAL writers' CPU is part of what a person costs.
        serverCpu = (server?.Total() ?? TimeSpan.Zero) - serverCpu;
        Console.WriteLine($"| database | persons | skipped as duplicates | check | duplicate look-up | total | persons/s | CPU per person: check | CPU per person: look up, seal and write | PostgreSQL CPU per person |");
        Console.WriteLine($"|---|---|---|---|---|---|---|---|---|---|");
        Console.WriteLine($"| {(postgres ? "PostgreSQL" : "SQLite")} | {checkedRows:N0} | {skipped.Count:N0} | {checkTime.TotalSeconds:F2} s | {lookUpTime.TotalSeconds:F2} s | {stopwatch.Elapsed.TotalSeconds:F2} s | {count / stopwatch.Elapsed.TotalSeconds:N0} | " +
            $"{checkCpu.TotalMicroseconds / count:F1} µs | {(totalCpu - checkCpu).TotalMicroseconds / count:F1} µs | {(postgres ? $"{serverCpu.TotalMicroseconds / count:F1} µs" : "—")} |");
    }

    private static async Task<PostgresCpu> ServerCpuAsync(BenchHost host)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        return new PostgresCpu(connection.ProcessID, connection.Database);
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
