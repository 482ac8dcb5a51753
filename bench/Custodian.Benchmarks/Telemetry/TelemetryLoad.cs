using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Custodian.Benchmarks.Provision;
using Custodian.Benchmarks.Support;
using Custodian.Gate;
using Custodian.Staff;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Benchmarks.Telemetry;

/// <summary>
/// What telemetry costs a gated read over HTTP: two servers in processes of their own, one with telemetry on (metrics,
/// spans, the /metrics scrape taken once a second) and one with it off, each over its own copy of the same persons, loaded
/// in alternating one-second slices from this process so both see the same drift of a shared machine.
/// </summary>
internal static class TelemetryLoad
{
    private const int Persons = 2_000;

    public static async Task RunAsync(TimeSpan duration, int concurrency)
    {
        var load = await File.ReadAllTextAsync("/proc/loadavg");
        await using var on = await Side.StartAsync("on", 5393, "--Telemetry:Enabled=true");
        await using var off = await Side.StartAsync("off", 5394, "--Telemetry:Enabled=false");
        Side[] sides = [on, off];
        foreach (var side in sides)
        {
            await side.MeasureAsync(concurrency, TimeSpan.FromSeconds(10));
            side.Reset();
        }

        for (var slice = 0; slice < duration.TotalSeconds; slice++)
        {
            foreach (var side in sides)
            {
                await side.MeasureAsync(concurrency, TimeSpan.FromSeconds(1));
            }
        }

        Console.WriteLine($"host load average before: {load.Trim()}; after: {(await File.ReadAllTextAsync("/proc/loadavg")).Trim()}; {Environment.ProcessorCount} cores");
        Console.WriteLine("| readers | telemetry off reads/s | telemetry on reads/s | on / off | server CPU per read off | on |");
        Console.WriteLine("|---|---|---|---|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {concurrency} | {off.Rate:N0} | {on.Rate:N0} | {on.Rate / off.Rate:F3} | {off.CpuMicroseconds:F0} µs | {on.CpuMicroseconds:F0} µs |"));
    }

    private sealed class Side : IAsyncDisposable
    {
        private readonly Process _server;
        private readonly HttpClient _client;
        private readonly Guid[] _ids;
        private readonly string _directory;
        private readonly bool _scrapes;
        private long _count;
        private TimeSpan _elapsed;
        private TimeSpan _cpu;

        private Side(Process server, HttpClient client, Guid[] ids, string directory, bool scrapes) =>
            (_server, _client, _ids, _directory, _scrapes) = (server, client, ids, directory, scrapes);

        public double Rate => _count / _elapsed.TotalSeconds;

        public double CpuMicroseconds => _cpu.TotalMicroseconds / _count;

        public static async Task<Side> StartAsync(string name, int port, string telemetry)
        {
            var directory = Directory.CreateTempSubdirectory($"custodian-telemetry-{name}-").FullName;
            var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = directory, ["ConnectionStrings:Custodian"] = null };
            Guid[] ids;
            string secret;
            await using (var services = EntryLoad.Services(settings))
            {
                await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
                await services.GetRequiredService<PersonVault>().RegisterManyAsync(Actor.System, Enumerable.Range(0, Persons).Select(SyntheticPersons.Registration).ToList());
                await using var db = await services.GetRequiredService<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
                ids = await db.Set<Person>().Select(p => p.Id).ToArrayAsync();
                secret = (await services.GetRequiredService<ApiTokens>().CreateAsync(Actor.System, "bench", [Permissions.PersonsRead, Permissions.MetricsRead], [])).Value.Secret;
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var server = EntryLoad.StartServer(settings, port, telemetry);
            var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
            await EntryLoad.WaitReadyAsync(client);
            return new Side(server, client, ids, directory, telemetry.EndsWith("true", StringComparison.Ordinal));
        }

        public void Reset() => (_count, _elapsed, _cpu) = (0, TimeSpan.Zero, TimeSpan.Zero);

        public async Task MeasureAsync(int concurrency, TimeSpan duration)
        {
            _server.Refresh();
            var cpu = _server.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            if (_scrapes)
            {
                (await _client.GetAsync("/metrics")).EnsureSuccessStatusCode();
            }

            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
            {
                var i = w * 7919;
                while (clock.Elapsed < duration)
                {
                    using var response = await _client.GetAsync($"/api/v1/persons/{_ids[i++ % _ids.Length]}?purpose=service.apply");
                    response.EnsureSuccessStatusCode();
                    Interlocked.Increment(ref _count);
                }
            })));
            _elapsed += clock.Elapsed;
            _server.Refresh();
            _cpu += _server.TotalProcessorTime - cpu;
        }

        public async ValueTask DisposeAsync()
        {
            _client.Dispose();
            await EntryLoad.StopServerAsync(_server, _directory);
        }
    }
}
