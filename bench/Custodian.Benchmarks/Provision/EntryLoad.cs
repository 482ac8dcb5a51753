using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Custodian.Benchmarks.Support;
using Custodian.Audit;
using Custodian.Consent;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Provision;
using Custodian.Staff;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Custodian.Benchmarks.Provision;

/// <summary>
/// Entries per second over HTTP on loopback against the real server in its own process: each entry is a consent
/// line, a provision record and two audit events, committed and durable before the 201. Prints throughput and
/// latency percentiles, then checks the database holds exactly one record per accepted entry.
/// </summary>
internal static class EntryLoad
{
    private const int Persons = 2_000;
    private const int Companies = 200;
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(15);

    public static async Task RunAsync(string provider, TimeSpan duration, int concurrency)
    {
        var directory = Directory.CreateTempSubdirectory("custodian-entries-").FullName;
        var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = directory, ["ConnectionStrings:Custodian"] = await DatabaseAsync(provider) };
        await using var services = Services(settings);
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        var (persons, companies, secret) = await SeedAsync(services);
        const int port = 5391;
        using var server = StartServer(settings, port);
        try
        {
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
            await WaitReadyAsync(client);
            var next = -1;
            Task<HttpResponseMessage> Enter() => client.PostAsJsonAsync("/api/v1/provision/entries", Body(persons, companies, Interlocked.Increment(ref next)));
            for (var i = 0; i < 200; i++)
            {
                (await Enter()).EnsureSuccessStatusCode();
            }

            // Steady state, not the JIT's warm-up: the server is loaded at full concurrency before the measured run.
            var (warm, _, warmFailures) = await LoadAsync(Enter, concurrency, Warmup);
            var cpuBefore = server.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var (measured, latencies, failures) = await LoadAsync(Enter, concurrency, duration);
            var elapsed = clock.Elapsed.TotalSeconds;
            server.Refresh();
            var serverCpu = (server.TotalProcessorTime - cpuBefore).TotalMilliseconds;
            var all = latencies.Order().ToArray();
            await using var db = await services.GetRequiredService<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
            var records = await db.Set<ProvisionRecord>().CountAsync();
            var consents = await db.Set<ConsentRecord>().CountAsync(c => c.Purpose == ProvisionRules.ToUserCompany);
            Console.WriteLine("| database | concurrency | entries | entries/s | p50 ms | p99 ms | max ms | refused | server CPU ms/entry | records = consents = entries |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {provider} | {concurrency} | {all.Length:N0} | {all.Length / elapsed:N0} | {Percentile(all, 0.50):F1} | {Percentile(all, 0.99):F1} | {all[^1]:F1} | {failures} | {serverCpu / Math.Max(1, all.Length):F2} | {records == consents && records == warm - warmFailures + measured - failures + 200} ({records:N0}) |"));
        }
        finally
        {
            await StopServerAsync(server, directory);
        }
    }

    /// <summary>Entries from <paramref name="concurrency"/> clients for <paramref name="duration"/>: how many, each one's latency, how many were not created.</summary>
    internal static async Task<(int Entries, List<double> Latencies, int Failures)> LoadAsync(Func<Task<HttpResponseMessage>> enter, int concurrency, TimeSpan duration)
    {
        var latencies = new List<double>[concurrency];
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(16_384);
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await enter();
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })));
        var all = latencies.SelectMany(l => l).ToList();
        return (all.Count, all, failures);
    }

    internal static object Body(Guid[] persons, Guid[] companies, int n) => new
    {
        personId = persons[n % persons.Length],
        companyId = companies[n / persons.Length % companies.Length],
        method = "api",
        policyVersion = "2023-06-09",
        evidence = new { channel = "job-site", ip = "203.0.113.7", userAgent = "bench", textHash = new string('a', 64) },
    };

    internal static async Task<(Guid[] Persons, Guid[] Companies, string Secret)> SeedAsync(ServiceProvider services)
    {
        var vault = services.GetRequiredService<PersonVault>();
        await vault.RegisterManyAsync(Actor.System, Enumerable.Range(0, Persons).Select(SyntheticPersons.Registration).ToList());
        var registry = services.GetRequiredService<ClientCompanyRegistry>();
        var companies = new Guid[Companies];
        for (var i = 0; i < Companies; i++)
        {
            var company = (await registry.RegisterAsync(Actor.System, $"Company {i}", "any", "MX")).Value!;
            await registry.RecordContractAsync(Actor.System, company.Id, new DateOnly(2024, 1, 1), $"CT-{i}", new DateOnly(2099, 1, 1));
            companies[i] = company.Id;
        }

        await using var db = await services.GetRequiredService<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        var persons = await db.Set<Person>().Select(p => p.Id).ToArrayAsync();
        var token = await services.GetRequiredService<ApiTokens>().CreateAsync(Actor.System, "bench", [Permissions.ProvisionEntries], []);
        return (persons, companies, token.Value.Secret);
    }

    internal static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(TimeProvider.System)
            .AddStorage(configuration)
            .AddPolicy(configuration)
            .AddAudit(configuration)
            .AddVault()
            .AddProvision()
            .BuildServiceProvider();
    }

    /// <summary>The server as operators run it: its own process, Release build, listening on loopback only.</summary>
    internal static Process StartServer(Dictionary<string, string?> settings, int port, params string[] arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Custodian.Server.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        string[] all = [dll, "--urls", $"http://127.0.0.1:{port}", "--Logging:LogLevel:Default=Warning", .. arguments];
        foreach (var arg in all)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Storage__DataDirectory"] = settings["Storage:DataDirectory"];
        start.Environment["ConnectionStrings__Custodian"] = settings["ConnectionStrings:Custodian"] ?? "";
        start.Environment["CUSTODIAN_ADMIN_PASSWORD"] = "bench administrator password";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Stops a server of <see cref="StartServer"/> and deletes its data folder.</summary>
    internal static async Task StopServerAsync(Process server, string directory)
    {
        server.Kill(entireProcessTree: true);
        await server.WaitForExitAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    internal static async Task WaitReadyAsync(HttpClient client)
    {
        for (var i = 0; i < 600; i++)
        {
            try
            {
                if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException("The server did not become ready.");
    }

    internal static async Task<string?> DatabaseAsync(string provider)
    {
        if (provider == "sqlite")
        {
            return null;
        }

        return await BenchHost.NewPostgresDatabaseAsync("CUSTODIAN_TEST_POSTGRES");
    }

    internal static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
