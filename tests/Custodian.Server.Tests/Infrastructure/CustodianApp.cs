using System.Net.Http.Headers;
using Custodian.Gate;
using Custodian.Staff;
using Custodian.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Server.Tests.Infrastructure;

/// <summary>
/// The real server on one provider, with its own empty database and data folder. Each provider's tests
/// derive from an abstract test class and take the matching fixture.
/// </summary>
public abstract class CustodianApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public string DataDirectory { get; init; } = Directory.CreateTempSubdirectory("custodian-http-").FullName;

    /// <summary>Leaves the data folder behind on dispose: for a test that starts another server on it.</summary>
    public bool KeepsDataDirectory { get; init; }

    public abstract string Provider { get; }

    protected virtual string? PostgresConnectionString => null;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("ConnectionStrings:Custodian", PostgresConnectionString ?? "");
        builder.UseSetting("CUSTODIAN_ADMIN_PASSWORD", "correct horse battery staple 42");
        // The test client's address; Origin checks compare with it, never with the Host header.
        builder.UseSetting("Host:PublicOrigins:0", "http://localhost");
    }

    public virtual async ValueTask InitializeAsync()
    {
        if (PostgresConnectionString is not null)
        {
            await using var db = new CustodianDb(StorageModule.BuildOptions(new StorageOptions { DataDirectory = DataDirectory, PostgresConnectionString = PostgresConnectionString }));
            await db.Database.MigrateAsync();
        }

        _ = Server;
    }

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Every permission a service's token may hold.</summary>
    public static readonly string[] ServicePermissions = [.. Permissions.All.Where(p => p.Value.HasFlag(Realm.Service)).Select(p => p.Key)];

    /// <summary>A client holding a fresh API token with every service permission, optionally limited to some purposes.</summary>
    public Task<HttpClient> ClientWithTokenAsync(params string[] purposes) => ClientWithPermissionsAsync(ServicePermissions, purposes);

    /// <summary>A client holding a fresh API token with exactly these permissions and purposes.</summary>
    public async Task<HttpClient> ClientWithPermissionsAsync(string[] permissions, params string[] purposes)
    {
        var created = await Service<ApiTokens>().CreateAsync(Actor.System, "test", permissions, purposes);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Value.Secret);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (PostgresConnectionString is { } postgres)
        {
            await DropDatabaseAsync(postgres);
        }

        if (!KeepsDataDirectory)
        {
            Directory.Delete(DataDirectory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    // Idle pooled connections outlive the server by minutes; left to pile up across fixtures they
    // exhaust the cluster's max_connections, so each fixture closes its pool and drops its database.
    private static async Task DropDatabaseAsync(string connectionString)
    {
        var database = new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database;
        await using (var pooled = new Npgsql.NpgsqlConnection(connectionString))
        {
            Npgsql.NpgsqlConnection.ClearPool(pooled);
        }

        await PostgresApp.AdminAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
    }
}

public sealed class SqliteApp : CustodianApp
{
    public override string Provider => "sqlite";
}

/// <summary>A fresh database on the throw-away cluster that scripts/test.sh starts.</summary>
public class PostgresApp : CustodianApp
{
    private readonly string _database = "custodian_" + Guid.NewGuid().ToString("N")[..12];

    public override string Provider => "postgres";

    public static string AdminConnectionString => Environment.GetEnvironmentVariable("CUSTODIAN_TEST_POSTGRES")
        ?? throw new InvalidOperationException("CUSTODIAN_TEST_POSTGRES is not set: run the tests through scripts/test.sh, which starts a PostgreSQL cluster.");

    protected override string PostgresConnectionString => new Npgsql.NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = _database }.ToString();

    public override async ValueTask InitializeAsync()
    {
        await CreateDatabaseAsync(_database);
        await base.InitializeAsync();
    }

    public static Task CreateDatabaseAsync(string database) => AdminAsync($"CREATE DATABASE {database}");

    /// <summary>Runs a statement on the cluster's administrative database (CREATE, DROP DATABASE).</summary>
    public static async Task AdminAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public string ConnectionString => PostgresConnectionString;
}
