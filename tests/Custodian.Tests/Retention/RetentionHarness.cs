using Custodian.Audit;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Retention;
using Custodian.Storage;
using Custodian.Tests.Support;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Tests.Retention;

/// <summary>The vault, the audit chain and the disposal run over a migrated database (SQLite or PostgreSQL) with a fake clock and the shipped policies.</summary>
internal sealed class RetentionHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string? _postgresDatabase;
    private int _people;

    private RetentionHarness(string folder, ServiceProvider services, FakeTime time, string? postgresDatabase)
    {
        Folder = folder;
        _services = services;
        Time = time;
        _postgresDatabase = postgresDatabase;
    }

    public string Folder { get; }
    public FakeTime Time { get; }
    public DateTime Now => Time.Now.UtcDateTime;
    public PersonVault Vault => Get<PersonVault>();
    public DisposalRun Run => Get<DisposalRun>();
    public AuditVerifier Verifier => Get<AuditVerifier>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public static async Task<RetentionHarness> CreateAsync(string provider, DateTimeOffset start, int batchSize = 2000)
    {
        var folder = Path.Combine(Path.GetTempPath(), "custodian-retention-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = folder, ["Retention:BatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        string? database = null;
        if (provider == "postgres")
        {
            var admin = Environment.GetEnvironmentVariable("CUSTODIAN_TEST_POSTGRES")
                ?? throw new InvalidOperationException("CUSTODIAN_TEST_POSTGRES is not set: run the tests through scripts/test.sh, which starts a PostgreSQL cluster.");
            database = "custodian_retention_" + Guid.NewGuid().ToString("N")[..12];
            await AdminAsync($"CREATE DATABASE {database}");
            settings["ConnectionStrings:Custodian"] = new Npgsql.NpgsqlConnectionStringBuilder(admin) { Database = database }.ToString();
        }

        var time = new FakeTime(start);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(time)
            .AddStorage(configuration)
            .AddPolicy(configuration)
            .AddAudit(configuration)
            .AddVault()
            .AddRetention(configuration)
            .BuildServiceProvider();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        services.GetRequiredService<Custodian.Vault.Keys.KeyBootstrap>().EnsureChecked();
        return new RetentionHarness(folder, services, time, database);
    }

    public void Advance(TimeSpan by) => Time.Advance(by);

    public async Task<CustodianDb> DbAsync() => await Get<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();

    public async Task AddAsync(params object[] rows)
    {
        await using var db = await DbAsync();
        db.AddRange(rows);
        await db.SaveChangesAsync();
    }

    /// <summary>Registers a candidate through the vault, now, under the service policy.</summary>
    public async Task<Guid> RegisterAsync(string channel = "service-application")
    {
        var n = Interlocked.Increment(ref _people);
        var items = new Dictionary<string, string?>
        {
            ["name"] = "Candidate " + n,
            ["email"] = $"candidate{n}@example.com",
            ["telephone"] = $"+52 442 555 {n:0000}",
        };
        if (channel == "contact-form")
        {
            items["inquiry"] = "When is my interview?";
        }
        else
        {
            items["date-of-birth"] = "1990-01-01";
        }

        var registered = await Vault.RegisterAsync(Actor.System, new Registration(channel, items, PolicyId: "leverages-career-mexico"));
        Assert.True(registered.Succeeded, registered.Failure?.Detail);
        return registered.Value;
    }

    public async Task<int> CountAsync<T>() where T : class
    {
        await using var db = await DbAsync();
        return await db.Set<T>().CountAsync();
    }

    private static async Task AdminAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Environment.GetEnvironmentVariable("CUSTODIAN_TEST_POSTGRES"));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_postgresDatabase is not null)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await AdminAsync($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)");
        }

        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
