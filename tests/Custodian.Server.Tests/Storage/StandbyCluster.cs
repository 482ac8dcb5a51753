using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Custodian.Server.Tests.Storage;

/// <summary>
/// A streaming standby of the throw-away cluster the tests run on (CUSTODIAN_TEST_POSTGRES): pg_basebackup -R into a
/// temporary folder, started on a free port, stopped and removed on dispose. Every database made on the primary after it
/// started streams to it.
/// </summary>
public sealed class StandbyCluster : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string _bin;

    private StandbyCluster(string folder, string bin, int port) => (_folder, _bin, Port) = (folder, bin, port);

    public int Port { get; }

    /// <summary>The connection string of <paramref name="primary"/>'s database on this standby.</summary>
    public string ConnectionStringFor(string primary) =>
        new NpgsqlConnectionStringBuilder(primary) { Host = "127.0.0.1", Port = Port }.ConnectionString;

    public static async Task<StandbyCluster> StartAsync()
    {
        var primary = new NpgsqlConnectionStringBuilder(Infrastructure.PostgresApp.AdminConnectionString);
        var bin = Environment.GetEnvironmentVariable("CUSTODIAN_PG_BIN") ?? "/usr/lib/postgresql/15/bin";
        var folder = Directory.CreateTempSubdirectory("custodian-standby-").FullName;
        var port = FreePort();
        await RunAsync("chown", "postgres", folder);
        await RunAsPostgresAsync(Path.Combine(bin, "pg_basebackup"), "-h", primary.Host!, "-p", primary.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-U", primary.Username!, "-D", Path.Combine(folder, "data"), "-R", "-X", "stream", "-c", "fast");
        // A hot standby refuses to start with fewer connections than its primary allows (set on the primary's command line).
        var connections = await PrimarySettingAsync("max_connections");
        await RunAsPostgresAsync(Path.Combine(bin, "pg_ctl"), "-D", Path.Combine(folder, "data"), "-l", Path.Combine(folder, "log"),
            "-o", $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections={connections}", "-w", "start");
        return new StandbyCluster(folder, bin, port);
    }

    public async ValueTask DisposeAsync()
    {
        await RunAsPostgresAsync(Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_folder, "data"), "-m", "immediate", "stop");
        Directory.Delete(_folder, recursive: true);
    }

    private static async Task<string> PrimarySettingAsync(string name)
    {
        await using var connection = new NpgsqlConnection(Infrastructure.PostgresApp.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_setting($1)", connection) { Parameters = { new() { Value = name } } };
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // PostgreSQL's programs refuse to run as root; the tests run as root in CI.
    private static Task RunAsPostgresAsync(string program, params string[] arguments) =>
        Environment.UserName == "root" ? RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments]) : RunAsync(program, arguments);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        // Never onto the test process's own output: xUnit's runner reads its results from it, and pg_ctl's dots written
        // into the middle of one of its messages lost that test's result (the test count varied from run to run). Read as
        // plain streams, not line events, so that the wait is for the program's exit, whoever else holds the pipes.
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var said = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        if (process.ExitCode != 0)
        {
            var output = await said.WaitAsync(TimeSpan.FromSeconds(5));
            Assert.Fail($"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {string.Join(' ', output).Trim()}");
        }
    }
}
