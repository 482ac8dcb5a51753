using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Custodian.Audit;
using Custodian.Calendars;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Provision;
using Custodian.Staff;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Server.Tests.Infrastructure;

/// <summary>
/// The real server as an operator runs it: <c>dotnet Custodian.Server.dll</c>, a process of its own (the muxer runs the
/// application in its own process, so the id is the server's and a kill is the server's), over a data folder and,
/// optionally, a PostgreSQL database.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int Id => _process.Id;

    /// <summary>What the server has written to standard output (its log) so far, line by line.</summary>
    public IReadOnlyCollection<string> Output => _output;

    /// <summary>Starts the server and waits until it answers ready.</summary>
    public static async Task<ServerProcess> StartAsync(ServerSettings settings, CancellationToken cancellationToken, params string[] more)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        string[] args = [Path.Combine(AppContext.BaseDirectory, "Custodian.Server.dll"), "--urls", address.ToString(), .. settings.Arguments, .. more];
        var start = new ProcessStartInfo("dotnet", args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["CUSTODIAN_ADMIN_PASSWORD"] = "a long enough password 42", ["ASPNETCORE_ENVIRONMENT"] = "Production" },
        };
        var process = Process.Start(start)!;
        // Drained so that a chatty server never blocks on a full pipe.
        var server = new ServerProcess(process, address);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { server._output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var client = new HttpClient { BaseAddress = address };
        var deadline = Stopwatch.StartNew();
        // Generous: on a loaded two-core host a start has taken 15 s.
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {process.ExitCode} at start.");
            }

            try
            {
                if ((await client.GetAsync("/health/ready", cancellationToken)).StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken);
        }

        await server.DisposeAsync();
        throw new TimeoutException("The server did not become ready within 90 s. Its log ends: " + string.Join(" | ", server._output.TakeLast(5)));
    }

    public HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>SIGKILL: the server gets no chance to flush, checkpoint or close anything.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A data folder (private to its owner) and, for PostgreSQL, a database of its own, migrated, with an API token made unless not wanted.</summary>
public sealed class ServerSettings : IAsyncDisposable
{
    private readonly string? _database;

    private ServerSettings(string folder, string? database, string? connectionString)
    {
        Folder = folder;
        _database = database;
        ConnectionString = connectionString;
    }

    public string Folder { get; }

    public string DataDirectory => Path.Combine(Folder, "data");

    public string? ConnectionString { get; }

    public string Token { get; private set; } = "";

    public string[] Arguments => ConnectionString is null
        ? [$"--Storage:DataDirectory={DataDirectory}"]
        : [$"--Storage:DataDirectory={DataDirectory}", $"--ConnectionStrings:Custodian={ConnectionString}"];

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static async Task<ServerSettings> CreateAsync(string provider, bool token = true)
    {
        var folder = Directory.CreateTempSubdirectory("custodian-process-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "data"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string? database = null, connectionString = null;
        if (provider == "postgres")
        {
            database = "custodian_" + Guid.NewGuid().ToString("N")[..12];
            await PostgresApp.CreateDatabaseAsync(database);
            connectionString = new Npgsql.NpgsqlConnectionStringBuilder(PostgresApp.AdminConnectionString) { Database = database }.ToString();
        }

        var settings = new ServerSettings(folder, database, connectionString);
        await using var services = settings.Services();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        services.GetRequiredService<Custodian.Vault.Keys.KeyBootstrap>().EnsureChecked();
        if (!token)
        {
            return settings;
        }

        var created = await services.GetRequiredService<ApiTokens>().CreateAsync(Actor.System, "crash-test", CustodianApp.ServicePermissions, []);
        settings.Token = created.Value.Secret;
        return settings;
    }

    /// <summary>The library's services over the same data, as the command line has them: to prepare, and to check afterwards.</summary>
    public ServiceProvider Services()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = DataDirectory,
            ["ConnectionStrings:Custodian"] = ConnectionString,
        }).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddStorage(configuration)
            .AddPolicy(configuration)
            .AddAudit(configuration)
            .AddVault()
            .AddCalendars(configuration)
            .AddStaffAccounts()
            .AddProvision()
            .AddSingleton<ApiTokens>()
            .BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_database is not null)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var connection = new Npgsql.NpgsqlConnection(PostgresApp.AdminConnectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS {_database} WITH (FORCE)";
            // Ending a killed server's sessions can take a while on a loaded host.
            command.CommandTimeout = 180;
            await command.ExecuteNonQueryAsync();
        }

        Directory.Delete(Folder, recursive: true);
    }
}
