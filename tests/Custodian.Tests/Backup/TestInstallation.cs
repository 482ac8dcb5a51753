using Custodian.Audit;
using Custodian.Backup;
using Custodian.Cli;
using Custodian.Gate;
using Custodian.Storage;
using Custodian.Tests.Support;
using Custodian.Vault;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Tests.Backup;

/// <summary>
/// One installation as the commands see it: a data folder (the key folder under it) and, for <c>postgres</c>, databases
/// of its own on the test cluster: the live one, and empty ones to restore into.
/// </summary>
internal sealed class TestInstallation : IAsyncDisposable
{
    private readonly List<string> _databases = [];

    public TestInstallation(string provider)
    {
        Provider = provider;
        Data = Directory.CreateTempSubdirectory("custodian-backup-").FullName;
        Database = provider == "postgres" ? NewDatabase() : null;
    }

    public string Provider { get; }
    public string Data { get; }

    /// <summary>The PostgreSQL database the installation uses now; null on SQLite.</summary>
    public string? Database { get; private set; }

    public string BackupFile(string name = "backup.cbk") => Path.Combine(Path.GetDirectoryName(Data)!, Path.GetFileName(Data) + "-" + name);

    /// <summary>As every command starts: migrated, the key checked, the erasure ledger replayed.</summary>
    public async Task<CliHost> OpenAsync()
    {
        if (Database is not null)
        {
            await using var migrating = CliHost.Create(Settings());
            await migrating.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(TestContext.Current.CancellationToken);
        }

        return await CliHost.OpenAsync(Settings(), TestContext.Current.CancellationToken);
    }

    /// <summary>The services unopened, as <c>custodian backup restore</c> takes them.</summary>
    public CliHost Unopened() => CliHost.Create(Settings());

    /// <summary>Loses the database, keeping the key folder: SQLite's files are moved away; PostgreSQL gets a new, empty database.</summary>
    public void LoseDatabase()
    {
        SqliteConnection.ClearAllPools();
        if (Database is not null)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            Database = NewDatabase();
            return;
        }

        var lost = Directory.CreateDirectory(Data + "-lost").FullName;
        foreach (var file in Directory.GetFiles(Data, "custodian.db*"))
        {
            File.Move(file, Path.Combine(lost, Path.GetFileName(file)));
        }
    }

    /// <summary>A copy of the SQLite files, as an operator copying them would make; the database must be closed.</summary>
    public string CopyDatabaseFiles()
    {
        SqliteConnection.ClearAllPools();
        var copy = Directory.CreateDirectory(Data + "-copy").FullName;
        foreach (var file in Directory.GetFiles(Data, "custodian.db*"))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        return copy;
    }

    public void PutDatabaseFilesBack(string copy)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Data, "custodian.db*"))
        {
            File.Delete(file);
        }

        foreach (var file in Directory.GetFiles(copy))
        {
            File.Copy(file, Path.Combine(Data, Path.GetFileName(file)));
        }
    }

    public static async Task<List<Guid>> RegisterAsync(CliHost host, int count, int first = 0)
    {
        var vault = host.Services.GetRequiredService<PersonVault>();
        var ids = new List<Guid>();
        for (var i = first; i < first + count; i++)
        {
            var registered = await vault.RegisterAsync(Actor.System, Person(i), TestContext.Current.CancellationToken);
            Assert.True(registered.Succeeded, registered.Failure?.Detail);
            ids.Add(registered.Value);
        }

        return ids;
    }

    public static Registration Person(int i) => new("service-application", new Dictionary<string, string?>
    {
        ["name"] = $"Candidate {i}",
        ["email"] = $"candidate{i}@example.com",
        ["telephone"] = $"+52 442 {i / 10000 % 1000:000} {i % 10000:0000}",
        ["date-of-birth"] = "1990-01-01",
    });

    public static async Task<string?> ReadRefusalAsync(CliHost host, Guid person)
    {
        var read = await host.Services.GetRequiredService<PersonGate>().ReadAsync(Actor.System, person, "service.apply", TestContext.Current.CancellationToken);
        return read.Failure?.Code;
    }

    public static Task<AuditVerification> VerifyAsync(CliHost host) =>
        host.Services.GetRequiredService<AuditVerifier>().VerifyAsync(cancellationToken: TestContext.Current.CancellationToken);

    public static async Task<BackupManifest> BackUpAsync(CliHost host, string file)
    {
        var made = await host.Services.GetRequiredService<BackupCreator>().CreateAsync(file, TestContext.Current.CancellationToken);
        Assert.True(made.Succeeded, made.Failure?.Detail);
        return made.Value!;
    }

    public async Task<RestoreReport> RestoreAsync(string file)
    {
        var restored = await TryRestoreAsync(file);
        Assert.True(restored.Succeeded, restored.Failure?.Detail);
        return restored.Value!;
    }

    public async Task<Custodian.Common.Result<RestoreReport>> TryRestoreAsync(string file)
    {
        await using var host = Unopened();
        return await host.Services.GetRequiredService<BackupRestorer>().RestoreAsync(file, TestContext.Current.CancellationToken);
    }

    /// <summary>How many tables the installation's PostgreSQL database holds.</summary>
    public async Task<long> TablesAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString(Database!));
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = 'public'", connection);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    /// <summary>Runs SQL on the installation's database, as someone tampering with it would.</summary>
    public async Task ExecuteAsync(string sql)
    {
        var options = new StorageOptions { DataDirectory = Data, PostgresConnectionString = Database is null ? null : ConnectionString(Database) };
        await using var connection = await StorageModule.OpenConnectionAsync(options, TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["Storage:DataDirectory"] = Data,
        ["ConnectionStrings:Custodian"] = Database is null ? "" : ConnectionString(Database),
    };

    private static string ConnectionString(string database) => new Npgsql.NpgsqlConnectionStringBuilder(TestDatabase.AdminConnectionString) { Database = database }.ToString();

    private string NewDatabase()
    {
        var name = "custodian_backup_" + Guid.NewGuid().ToString("N")[..12];
        TestDatabase.Admin($"CREATE DATABASE {name}");
        _databases.Add(name);
        return name;
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        foreach (var database in _databases)
        {
            TestDatabase.Admin($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }

        foreach (var path in new[] { Data, Data + "-lost", Data + "-copy" }.Where(Directory.Exists))
        {
            Directory.Delete(path, recursive: true);
        }

        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(Data)!, Path.GetFileName(Data) + "-*"))
        {
            File.Delete(file);
        }

        return ValueTask.CompletedTask;
    }
}
