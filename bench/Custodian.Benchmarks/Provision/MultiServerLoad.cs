using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Custodian.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Benchmarks.Provision;

/// <summary>
/// Entries per second from one, then two server processes on one PostgreSQL database, the load generator (this
/// process) apart from both: at each concurrency the entries are spread evenly over the servers, and the figure of a
/// server count is its best rate whose p99 stays within the bound. Prints every run, then the ratio.
/// </summary>
internal static class MultiServerLoad
{
    private const double P99BoundMs = 50;
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(TimeSpan duration, int[] concurrencies)
    {
        var directory = Directory.CreateTempSubdirectory("custodian-servers-").FullName;
        var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = directory, ["ConnectionStrings:Custodian"] = await EntryLoad.DatabaseAsync("postgres") };
        await using var services = EntryLoad.Services(settings);
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        var (persons, companies, secret) = await EntryLoad.SeedAsync(services);
        var servers = new List<System.Diagnostics.Process>();
        var clients = new List<HttpClient>();
        var next = -1;
        var best = new Dictionary<int, double>();
        Console.WriteLine($"host load before: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine("| servers | concurrency | entries | entries/s | p50 ms | p99 ms | refused |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        try
        {
            foreach (var count in new[] { 1, 2 })
            {
                while (servers.Count < count)
                {
                    // One after the other: each start must find the other's key ring and administrator in place.
                    var port = 5391 + servers.Count;
                    servers.Add(EntryLoad.StartServer(settings, port));
                    var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
                    await EntryLoad.WaitReadyAsync(client);
                    clients.Add(client);
                }

                // Requests alternate between the servers, as a round-robin balancer sends them: equal shares.
                var turn = -1;
                Task<HttpResponseMessage> Enter()
                {
                    var n = Interlocked.Increment(ref next);
                    return clients[(int)((uint)Interlocked.Increment(ref turn) % (uint)count)].PostAsJsonAsync("/api/v1/provision/entries", EntryLoad.Body(persons, companies, n));
                }

                await EntryLoad.LoadAsync(Enter, concurrencies[^1], Warmup);
                foreach (var concurrency in concurrencies)
                {
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    var (entries, latencies, failures) = await EntryLoad.LoadAsync(Enter, concurrency, duration);
                    var rate = entries / clock.Elapsed.TotalSeconds;
                    var sorted = latencies.Order().ToArray();
                    var p99 = EntryLoad.Percentile(sorted, 0.99);
                    if (p99 <= P99BoundMs && failures == 0)
                    {
                        best[count] = Math.Max(best.GetValueOrDefault(count), rate);
                    }

                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {count} | {concurrency} | {entries:N0} | {rate:N0} | {EntryLoad.Percentile(sorted, 0.50):F1} | {p99:F1} | {failures} |"));
                }
            }
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
            foreach (var server in servers)
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
                server.Dispose();
            }

            Directory.Delete(directory, recursive: true);
        }

        Console.WriteLine($"host load after: {File.ReadAllText("/proc/loadavg").Trim()}");
        var one = best.GetValueOrDefault(1);
        var two = best.GetValueOrDefault(2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"entries/s at p99 <= {P99BoundMs} ms: one server {one:N0}, two servers {two:N0}, ratio {(one > 0 ? two / one : 0):F2} (target 1.6)"));
    }
}
