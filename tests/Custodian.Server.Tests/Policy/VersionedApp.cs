using Custodian.Server.Tests.Infrastructure;
using Custodian.Tests.Policy.Changes;
using Microsoft.AspNetCore.Hosting;

namespace Custodian.Server.Tests.Policy;

/// <summary>The server with the tests' second version of the Mexico policy, in effect since yesterday.</summary>
internal static class VersionedHost
{
    public static string Folder() => PolicyVersionFolder.Create(PolicyVersionFolder.Yesterday);

    public static void Configure(IWebHostBuilder builder, string folder)
    {
        builder.UseSetting("Policy:Directory", folder);
        // Staff sign in to the console's policy page from addresses of their own.
        Staff.SafetyHost.ConfigurePeer(builder);
    }
}

public sealed class VersionedSqliteApp : CustodianApp
{
    private readonly string _policies = VersionedHost.Folder();

    public override string Provider => "sqlite";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        VersionedHost.Configure(builder, _policies);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_policies, recursive: true);
    }
}

public sealed class VersionedPostgresApp : CustodianApp
{
    private readonly string _database = "custodian_" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _policies = VersionedHost.Folder();

    public override string Provider => "postgres";

    protected override string PostgresConnectionString => new Npgsql.NpgsqlConnectionStringBuilder(PostgresApp.AdminConnectionString) { Database = _database }.ToString();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        VersionedHost.Configure(builder, _policies);
    }

    public override async ValueTask InitializeAsync()
    {
        await PostgresApp.CreateDatabaseAsync(_database);
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_policies, recursive: true);
    }
}
