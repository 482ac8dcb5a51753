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
    // On PostgreSQL, each writer part's CPU in the backend that ran it (it shares the cores with this process).
    private static readonly Dictionary<string, TimeSpan> ServerParts = [];

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
        var parts = new Dictionary<string, (TimeSpan Wall, TimeSpan Cpu)>();
        TimeSpan seal = TimeSpan.Zero, write = TimeSpan.Zero, sealCpu = TimeSpan.Zero, writeCpu = TimeSpan.Zero;
        foreach (var batch in checkedRows.Chunk(16_000))
        {
            phase.Restart();
            cpu = Cpu(process);
            var persons = Array.ConvertAll(batch, r => enrolment.Enrol(r, batch: true));
            seal += phase.Elapsed;
            sealCpu += Cpu(process) - cpu;
            phase.Restart();
            cpu = Cpu(process);
            await WriteTimedAsync(host, persons, parts, process);
            write += phase.Elapsed;
            writeCpu += Cpu(process) - cpu;
        }

        timings["seal (1 core)"] = (seal, sealCpu);
        foreach (var (name, value) in parts)
        {
            timings["  write part: " + name] = value;
        }

        SealBreakdown(host, checkedRows, timings, process);
        timings["write, 16,000 per transaction (writer alone)"] = (write, writeCpu);
        Console.WriteLine($"| phase ({count:N0} rows, {(postgres ? "PostgreSQL" : "SQLite")}) | wall | CPU µs per row |");
        Console.WriteLine("|---|---|---|");
        foreach (var (name, (wall, used)) in timings)
        {
            Console.WriteLine($"| {name} | {wall.TotalSeconds:F2} s | {used.TotalMicroseconds / count:F1} |");
        }

        if (postgres)
        {
            Console.WriteLine();
            Console.WriteLine("| writer part | PostgreSQL backend CPU µs per row |");
            Console.WriteLine("|---|---|");
            foreach (var (name, used) in ServerParts)
            {
                Console.WriteLine($"| {name} | {used.TotalMicroseconds / count:F1} |");
            }
        }
    }

    // The writer's transaction as RegisterManyAsync runs it, each table's rows timed apart.
    private static async Task WriteTimedAsync(BenchHost host, EnrolledPerson[] persons, Dictionary<string, (TimeSpan Wall, TimeSpan Cpu)> parts, Process process)
    {
        await using var db = await host.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<Custodian.Storage.CustodianDb>>().CreateDbContextAsync();
        // Kept open for the context's life, so each part's PostgreSQL backend is one process whose CPU can be read.
        await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.OpenConnectionAsync(db.Database);
        var backend = Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetDbConnection(db.Database) is Npgsql.NpgsqlConnection pg ? pg.ProcessID : 0;
        var entries = persons.Select(p => new Custodian.Audit.AuditEntry(
            Custodian.Audit.AuditEventType.PersonRegistered, Actor.System.AuditName, PersonId: p.Person.Id, Purpose: p.Person.Channel, Items: p.Person.ItemIds)).ToList();
        var indexes = Enrolment.IndexesInKeyOrder(persons);
        async Task Part(string name, Func<Task> step)
        {
            var wall = Stopwatch.StartNew();
            var cpu = Cpu(process);
            var server = backend == 0 ? TimeSpan.Zero : PostgresCpu.OfProcess(backend);
            await step();
            var (w, c) = parts.GetValueOrDefault(name);
            parts[name] = (w + wall.Elapsed, c + Cpu(process) - cpu);
            if (backend != 0)
            {
                ServerParts[name] = ServerParts.GetValueOrDefault(name) + PostgresCpu.OfProcess(backend) - server;
            }
        }

        await Part("look at the key file, re-wrap none", () => Task.FromResult(host.Get<VaultCrypto>().RewrapStale(persons.Select(p => p.Key))));
        await host.Get<Custodian.Audit.AuditLog>().CommitAsync(db, [], async (d, ct) =>
        {
            await Part("persons", () => Custodian.Storage.RowWriter.InsertAsync(d, persons.Select(e => e.Person).ToList(), ct));
            await Part("keys", () => Custodian.Storage.RowWriter.InsertAsync(d, persons.Select(e => e.Key).ToList(), ct));
            await Part("blind indexes", () => Custodian.Storage.RowWriter.InsertAsync(d, indexes, ct));
        });
        await Part("audit events (own commit)", () => host.Get<Custodian.Audit.AuditLog>().CommitAsync(db, entries));
    }

    // The seal's parts, each alone over the same rows: which of them the seal's CPU goes to.
    private static void SealBreakdown(BenchHost host, List<CheckedRegistration> rows, Dictionary<string, (TimeSpan Wall, TimeSpan Cpu)> timings, Process process)
    {
        var crypto = host.Get<VaultCrypto>();
        var keys = host.Get<Custodian.Vault.Keys.IKeyProvider>();
        var ids = rows.ConvertAll(_ => Guid.CreateVersion7());
        void Time(string name, Action<int> step)
        {
            var wall = Stopwatch.StartNew();
            var cpu = Cpu(process);
            for (var i = 0; i < rows.Count; i++)
            {
                step(i);
            }

            timings["  seal part: " + name] = (wall.Elapsed, Cpu(process) - cpu);
        }

        var dataKeys = new byte[rows.Count][];
        var items = new Dictionary<string, string>[rows.Count];
        Time("data key (random 32 bytes)", i => dataKeys[i] = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        Time("wrap, looking at the key file (a stat)", i => keys.Wrap(dataKeys[i], VaultCrypto.Aad(ids[i])));
        Time("wrap as seen (no stat)", i => keys.WrapAsSeen(dataKeys[i], VaultCrypto.Aad(ids[i])));
        Time("normalize items", i =>
        {
            var (registration, policy, _) = rows[i];
            var d = new Dictionary<string, string>(registration.Items.Count);
            foreach (var (id, value) in registration.Items)
            {
                d[id] = ItemRules.Normalize(policy.FindItem(id)!, value!);
            }

            items[i] = d;
        });
        Time("JSON of the items", i => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(items[i], VaultJson.Default.IReadOnlyDictionaryStringString));
        Time("AES-GCM seal (JSON included)", i => VaultCrypto.Seal(ids[i], dataKeys[i], items[i]));
        Time("item ids", i => string.Join(',', items[i].Keys.Order(StringComparer.Ordinal)));
        Time("2 HMACs", i =>
        {
            crypto.BlindIndex("email", items[i]["email"]);
            crypto.BlindIndex("telephone", items[i]["telephone"]);
        });
    }

    // The machine is shared: CPU per row is the figure other processes move least.
    private static TimeSpan Cpu(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }
}
