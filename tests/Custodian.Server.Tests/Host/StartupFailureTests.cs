using System.Diagnostics;
using Custodian.Gate;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Vault;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Server.Tests.Host;

/// <summary>A server that cannot run safely refuses to start, says why in one message, and exits 1.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StartupFailureTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("custodian-start-").FullName;

    private async Task<(int Exit, string Error)> StartServerAsync(params string[] settings)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Custodian.Server.dll"), "--urls", "http://127.0.0.1:0", .. settings])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["CUSTODIAN_ADMIN_PASSWORD"] = "a long enough password 42", ["ASPNETCORE_ENVIRONMENT"] = "Production" },
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        _ = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("The server started although it should have refused to.");
        }

        return (process.ExitCode, await error);
    }

    [Fact]
    public async Task A_corrupt_policy_file_stops_the_start_with_the_error_located()
    {
        var policies = Directory.CreateDirectory(Path.Combine(_folder, "policies")).FullName;
        await File.WriteAllTextAsync(Path.Combine(policies, "broken.yaml"), "id: broken\nversion: [unclosed\n", TestContext.Current.CancellationToken);

        var (exit, error) = await StartServerAsync($"--Storage:DataDirectory={_folder}/data", $"--Policy:Directory={policies}");

        Assert.Equal(1, exit);
        Assert.Contains("Custodian did not start: The policy files have", error, StringComparison.Ordinal);
        Assert.Contains("broken.yaml:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_file_others_can_read_stops_the_start_naming_the_fix()
    {
        var data = Directory.CreateDirectory(Path.Combine(_folder, "data"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).FullName;
        var keys = Directory.CreateDirectory(Path.Combine(data, "keys")).FullName;
        var keyFile = Path.Combine(keys, "kek.key");
        await File.WriteAllTextAsync(keyFile, Convert.ToBase64String(new byte[32]), TestContext.Current.CancellationToken);
        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var (exit, error) = await StartServerAsync($"--Storage:DataDirectory={_folder}/data");

        Assert.Equal(1, exit);
        Assert.Contains("chmod 600", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_data_folder_others_can_enter_stops_the_start_naming_the_fix()
    {
        var data = Directory.CreateDirectory(Path.Combine(_folder, "data")).FullName;
        File.SetUnixFileMode(data, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);

        var (exit, error) = await StartServerAsync($"--Storage:DataDirectory={data}");

        Assert.Equal(1, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("Custodian did not start: Data folder", line, StringComparison.Ordinal);
        Assert.Contains($"chmod 700 {data}", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trusted_proxy_that_is_not_an_ip_address_stops_the_start_in_one_line()
    {
        var (exit, error) = await StartServerAsync($"--Storage:DataDirectory={_folder}/data", "--Staff:TrustedProxies:0=proxy.internal");

        Assert.Equal(1, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("Custodian did not start:", line, StringComparison.Ordinal);
        Assert.Contains("Staff:TrustedProxies lists IP addresses only.", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("auditor", "Staff", "audit.everything", "'audit.everything' is not a permission")]
    [InlineData("partner", "Company", "persons.erase", "'persons.erase' cannot be held by a company credential")]
    public async Task A_role_granting_an_unknown_permission_or_one_outside_its_realm_stops_the_start_naming_the_key(
        string role, string realm, string permission, string message)
    {
        var data = Directory.CreateDirectory(Path.Combine(_folder, "data"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).FullName;

        var (exit, error) = await StartServerAsync($"--Storage:DataDirectory={data}", $"--Staff:Roles:{role}:Realm={realm}", $"--Staff:Roles:{role}:Permissions:0={permission}");

        Assert.Equal(1, exit);
        Assert.Contains($"Custodian did not start: Staff:Roles:{role}:Permissions: {message}", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_server_older_than_the_database_schema_refuses_to_start_in_one_line(string provider)
    {
        await using var settings = await ServerSettings.CreateAsync(provider, token: false);
        await using (var services = settings.Services())
        {
            var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Custodian.Storage.StorageOptions>>().Value;
            await using var connection = await Custodian.Storage.StorageModule.OpenConnectionAsync(options, TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            // As a newer release's migration leaves it, with another server of the deployment already upgraded.
            command.CommandText = """INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('29991231000100_FromTheFuture', '11.0.0')""";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var (exit, error) = await StartServerAsync(settings.Arguments);

        Assert.Equal(1, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("Custodian did not start: The database's schema (29991231000100_FromTheFuture) is newer than this release knows", line, StringComparison.Ordinal);
    }

    /// <summary>A data folder whose database holds the key check and a signed checkpoint, made by this key's first start.</summary>
    private string DatabaseWithData()
    {
        var data = Directory.CreateDirectory(Path.Combine(_folder, "data"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).FullName;
        var options = new Custodian.Storage.StorageOptions { DataDirectory = data };
        var factory = new Microsoft.EntityFrameworkCore.Infrastructure.PooledDbContextFactory<Custodian.Storage.CustodianDb>(Custodian.Storage.StorageModule.BuildOptions(options));
        using (var db = factory.CreateDbContext())
        {
            Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.Migrate(db.Database);
        }

        var keys = new Custodian.Vault.Keys.KeyBootstrap(Microsoft.Extensions.Options.Options.Create(options), factory, TimeProvider.System).Provider;
        using (var db = factory.CreateDbContext())
        {
            var hash = new byte[32];
            db.Add(new Custodian.Audit.AuditCheckpoint { Seq = 1, At = TimeProvider.System.GetUtcNow().UtcDateTime, Hash = hash, Signature = Custodian.Audit.AuditCheckpoints.Signature(keys, 1, hash) });
            db.SaveChanges();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return data;
    }

    [Fact]
    public async Task A_key_file_with_one_bit_flipped_stops_the_start_in_one_line()
    {
        var data = DatabaseWithData();
        var keyFile = Path.Combine(data, "keys", "kek.key");
        var key = Convert.FromBase64String(await File.ReadAllTextAsync(keyFile, TestContext.Current.CancellationToken));
        key[7] ^= 0x10;
        await File.WriteAllTextAsync(keyFile, Convert.ToBase64String(key), TestContext.Current.CancellationToken);

        var (exit, error) = await StartServerAsync($"--Storage:DataDirectory={data}");

        Assert.Equal(1, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains($"Custodian did not start: the key file {keyFile} does not open this database's data", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_key_file_over_a_database_with_data_stops_the_start_instead_of_making_a_new_key()
    {
        var data = DatabaseWithData();
        var keyFile = Path.Combine(data, "keys", "kek.key");
        File.Delete(keyFile);

        var (exit, error) = await StartServerAsync($"--Storage:DataDirectory={data}");

        Assert.Equal(1, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains($"Custodian did not start: Key file {keyFile} is missing", line, StringComparison.Ordinal);
        Assert.False(File.Exists(keyFile));
    }

    [Fact]
    public async Task With_every_person_erased_a_deleted_key_file_stops_the_start_instead_of_being_replaced()
    {
        await using var settings = await ServerSettings.CreateAsync("sqlite", token: false);
        await using (var services = settings.Services())
        {
            var vault = services.GetRequiredService<PersonVault>();
            var registered = await vault.RegisterAsync(Actor.System, new Registration("service-application", Candidates.Items()), TestContext.Current.CancellationToken);
            Assert.True((await vault.EraseAsync(Actor.System, registered.Value, TestContext.Current.CancellationToken)).Succeeded);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var keyFile = Custodian.Vault.Keys.FileKeyProvider.PathIn(settings.DataDirectory);
        File.Delete(keyFile);

        var (exit, error) = await StartServerAsync(settings.Arguments);

        Assert.Equal(1, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains($"Custodian did not start: Key file {keyFile} is missing", line, StringComparison.Ordinal);
        Assert.False(File.Exists(keyFile));
    }

    [Theory]
    [InlineData("--Mail:Security=Starttlz", "Mail:Security must be None, StartTls, SslOnConnect or Auto.")]
    [InlineData("--Mail:Port=70000", "Mail:Port must be between 1 and 65535.")]
    [InlineData("--Mail:From=nobody", "Mail:From must be an e-mail address when Mail:Host is set.")]
    [InlineData("--Mail:UserName=", "Mail:UserName and Mail:Password are set together or not at all.")]
    public async Task Bad_mail_settings_stop_the_start_in_one_line_that_names_the_setting_and_never_the_password(string setting, string message)
    {
        var (exit, error) = await StartServerAsync($"--Storage:DataDirectory={_folder}/data", "--Mail:Host=127.0.0.1", "--Mail:From=privacy@example.com",
            "--Mail:UserName=mailer", "--Mail:Password=hunter2-secret", setting);

        Assert.Equal(1, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("Custodian did not start: ", line, StringComparison.Ordinal);
        Assert.Contains(message, line, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", line, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
