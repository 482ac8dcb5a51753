using Custodian.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Server.Tests.Staff;

/// <summary>A clock the test moves by hand; it starts at the real time so that keys and cookies made at start are valid.</summary>
public sealed class ServerClock : TimeProvider
{
    private DateTimeOffset _now = System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

/// <summary>The safety host (trusted proxy, test peers) with a clock the tests move, for sessions and codes.</summary>
internal static class ClockedHost
{
    public static void Configure(IWebHostBuilder builder, ServerClock clock)
    {
        SafetyHost.Configure(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
    }
}

public sealed class ClockedSqliteApp : CustodianApp
{
    public ServerClock Clock { get; } = new();

    public override string Provider => "sqlite";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        ClockedHost.Configure(builder, Clock);
    }
}

public sealed class ClockedPostgresApp : CustodianApp
{
    private readonly string _database = "custodian_" + Guid.NewGuid().ToString("N")[..12];

    public ServerClock Clock { get; } = new();

    public override string Provider => "postgres";

    protected override string PostgresConnectionString => new Npgsql.NpgsqlConnectionStringBuilder(PostgresApp.AdminConnectionString) { Database = _database }.ToString();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        ClockedHost.Configure(builder, Clock);
    }

    public override async ValueTask InitializeAsync()
    {
        await PostgresApp.CreateDatabaseAsync(_database);
        await base.InitializeAsync();
    }
}
