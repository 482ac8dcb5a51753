using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Server.Host;
using Custodian.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Custodian.Server.Tests.Host;

/// <summary>A store that is down, full or read-only answers 503 with a code and Retry-After, never a bare 500.</summary>
public sealed class StorageFailureHandlerTests
{
    [Theory]
    [InlineData(13, StorageFailures.Full)] // SQLITE_FULL
    [InlineData(8, StorageFailures.Unavailable)] // SQLITE_READONLY
    [InlineData(14, StorageFailures.Unavailable)] // SQLITE_CANTOPEN
    [InlineData(10, StorageFailures.Unavailable)] // SQLITE_IOERR
    [InlineData(13 | (3 << 8), StorageFailures.Full)] // an extended code keeps its primary code in the low byte
    [InlineData(19, null)] // SQLITE_CONSTRAINT: a bug or a conflict, not the store's state
    public void Sqlite_error_codes_map_to_the_store_state(int code, string? expected)
    {
        var wrapped = new Microsoft.EntityFrameworkCore.DbUpdateException("save failed", new SqliteException("disk", code));

        Assert.Equal(expected, StorageFailures.Classify(wrapped));
    }

    [Fact]
    public void A_full_disk_reported_by_the_file_system_maps_to_storage_full()
    {
        Assert.Equal(StorageFailures.Full, StorageFailures.Classify(new IOException("No space left on device", 28)));
        Assert.Null(StorageFailures.Classify(new InvalidOperationException("a bug")));
    }

    [Fact]
    public async Task Postgres_that_stops_listening_answers_503_storage_unavailable_with_retry_after()
    {
        var ct = TestContext.Current.CancellationToken;
        var target = new Npgsql.NpgsqlConnectionStringBuilder(PostgresApp.AdminConnectionString);
        await using var forwarder = new TcpForwarder(target.Host!, target.Port);
        await using var app = new ForwardedPostgresApp(forwarder.Port);
        await app.InitializeAsync();
        var client = await app.ClientWithTokenAsync();

        forwarder.Stop();
        Npgsql.NpgsqlConnection.ClearAllPools();

        await AssertUnavailableAsync(await client.GetAsync($"/api/v1/persons/{Guid.NewGuid()}?purpose=service.apply", ct));
        await AssertUnavailableAsync(await client.PostAsJsonAsync("/api/v1/persons", Candidates.Registration(), ct));
        await AssertUnavailableAsync(await client.PostAsJsonAsync("/api/v1/persons/search", new { email = "maria.lopez@example.com", purpose = "service.apply" }, ct));
        await AssertUnavailableAsync(await client.DeleteAsync($"/api/v1/persons/{Guid.NewGuid()}", ct));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready", ct)).StatusCode);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_read_only_sqlite_database_makes_readiness_fail_and_writes_answer_503()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new SqliteApp();
        await app.InitializeAsync();
        var client = await app.ClientWithTokenAsync();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/persons", Candidates.Registration(), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", ct)).StatusCode);

        using (ReadOnlyFolder.Make(app.DataDirectory))
        {
            // Connections opened from now on see the read-only files; the pool would otherwise keep handing out open ones.
            SqliteConnection.ClearAllPools();

            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready", ct)).StatusCode);
            await AssertUnavailableAsync(await client.PostAsJsonAsync("/api/v1/persons", Candidates.Registration("ana.torres@example.com"), ct));
        }

        SqliteConnection.ClearAllPools();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", ct)).StatusCode);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_full_disk_makes_readiness_fail_and_writes_answer_503_storage_full()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var disk = SmallDisk.Mount();
        await using var app = new SmallDiskApp(disk.DataDirectory);
        await app.InitializeAsync();
        var client = await app.ClientWithTokenAsync();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/persons", Candidates.Registration(), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", ct)).StatusCode);

        disk.Fill();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready", ct)).StatusCode);
        var response = await client.PostAsJsonAsync("/api/v1/persons", Candidates.Registration("ana.torres@example.com"), ct);
        var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(StorageFailures.Full, problem.Code());
        Assert.NotNull(response.Headers.RetryAfter);

        disk.Empty();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", ct)).StatusCode);
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal(StorageFailures.Unavailable, problem.Code());
    }

    [Fact]
    public async Task Readiness_fails_when_the_store_answers_but_cannot_write()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new PostgresApp();
        await app.InitializeAsync();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", ct)).StatusCode);

        var database = new Npgsql.NpgsqlConnectionStringBuilder(app.ConnectionString).Database;
        await using (var admin = new Npgsql.NpgsqlConnection(PostgresApp.AdminConnectionString))
        {
            await admin.OpenAsync(ct);
            await using var command = admin.CreateCommand();
            command.CommandText = $"ALTER DATABASE {database} SET default_transaction_read_only = on";
            await command.ExecuteNonQueryAsync(ct);
        }

        Npgsql.NpgsqlConnection.ClearAllPools();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready", ct)).StatusCode);
    }

    /// <summary>
    /// A folder whose files cannot be opened for writing until disposed. Permissions stop anyone but root; for root (as
    /// in a container) the folder is bound read-only onto itself, a read-only file system as the kernel reports it.
    /// </summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private sealed class ReadOnlyFolder : IDisposable
    {
        private readonly string _folder;
        private readonly Dictionary<string, UnixFileMode> _modes = [];

        private ReadOnlyFolder(string folder) => _folder = folder;

        public static ReadOnlyFolder Make(string folder)
        {
            var readOnly = new ReadOnlyFolder(folder);
            if (Environment.IsPrivilegedProcess)
            {
                if (!Run("mount", "--bind", folder, folder))
                {
                    Assert.Skip("Running as root without the right to mount: a read-only folder cannot be made here.");
                }

                Assert.True(Run("mount", "-o", "remount,ro,bind", folder), "the bind mount could not be made read-only");
                return readOnly;
            }

            foreach (var path in Directory.GetFiles(folder, "custodian.db*").Append(folder))
            {
                readOnly._modes[path] = File.GetUnixFileMode(path);
                File.SetUnixFileMode(path, readOnly._modes[path] & ~(UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
            }

            return readOnly;
        }

        public void Dispose()
        {
            if (Environment.IsPrivilegedProcess)
            {
                // Lazily: the server's pool may still hold files opened through the mount; they close with it.
                Run("umount", "--lazy", _folder);
            }

            foreach (var (path, mode) in _modes)
            {
                File.SetUnixFileMode(path, mode);
            }
        }

        // Both streams redirected: nothing may reach the test process's own output, which xUnit's runner reads its results from.
        public static bool Run(string command, params string[] args)
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(command, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
    }

    /// <summary>A file system of 32 MB of its own (tmpfs, mounted by root), which the test can fill.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private sealed class SmallDisk : IAsyncDisposable
    {
        private readonly string _mount;

        private SmallDisk(string mount) => _mount = mount;

        public string DataDirectory => Path.Combine(_mount, "data");

        private string Filler => Path.Combine(_mount, "filler");

        public static SmallDisk Mount()
        {
            var mount = Directory.CreateTempSubdirectory("custodian-full-").FullName;
            if (!Environment.IsPrivilegedProcess || !ReadOnlyFolder.Run("mount", "-t", "tmpfs", "-o", "size=32m,mode=700", "tmpfs", mount))
            {
                Directory.Delete(mount);
                Assert.Skip("A small file system to fill is a tmpfs mounted by root; this run cannot mount one.");
            }

            return new SmallDisk(mount);
        }

        /// <summary>Writes a file until the file system has no space left.</summary>
        public void Fill()
        {
            using var stream = new FileStream(Filler, FileMode.Create);
            var block = new byte[64 * 1024];
            try
            {
                while (true)
                {
                    stream.Write(block);
                    stream.Flush();
                }
            }
            catch (IOException)
            {
                // Full.
            }
        }

        public void Empty() => File.Delete(Filler);

        public ValueTask DisposeAsync()
        {
            SqliteConnection.ClearAllPools();
            ReadOnlyFolder.Run("umount", "--lazy", _mount);
            Directory.Delete(_mount);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class SmallDiskApp(string dataDirectory) : CustodianApp
    {
        public override string Provider => "sqlite";

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Storage:DataDirectory", dataDirectory);
        }
    }

    /// <summary>A PostgreSQL app reached through a forwarder that the test can take away.</summary>
    private sealed class ForwardedPostgresApp(int port) : CustodianApp
    {
        private readonly string _database = "custodian_" + Guid.NewGuid().ToString("N")[..12];

        public override string Provider => "postgres";

        protected override string PostgresConnectionString => new Npgsql.NpgsqlConnectionStringBuilder(PostgresApp.AdminConnectionString)
        {
            Database = _database, Host = "127.0.0.1", Port = port,
        }.ToString();

        public override async ValueTask InitializeAsync()
        {
            await PostgresApp.CreateDatabaseAsync(_database);
            await base.InitializeAsync();
        }
    }
}
