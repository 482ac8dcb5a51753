using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Custodian.Storage;

public static class StorageModule
{
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .PostConfigure(o => o.PostgresConnectionString ??= configuration.GetConnectionString("Custodian"))
            .PostConfigure(o => o.ReadOnlyConnectionString ??= configuration.GetConnectionString("CustodianReadOnly"))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddPooledDbContextFactory<CustodianDb>((sp, builder) =>
            Configure(builder, sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<CustodianDb>>().CreateDbContext());
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<ReportingDatabase>();
        services.AddSingleton<SchedulerLease>();
        services.AddHostedService(sp => sp.GetRequiredService<SchedulerLease>());
        services.AddSingleton<AddressCounts>();
        return services;
    }

    internal static void Configure(DbContextOptionsBuilder builder, StorageOptions options)
    {
        if (options.UsesPostgres)
        {
            builder.UseNpgsql(PostgresConnection(options.PostgresConnectionString!)).AddInterceptors(DatabaseErrorCounter.Instance);
            return;
        }

        builder.UseSqlite(SqliteConnectionString(options)).AddInterceptors(SqlitePragmas.Instance, DatabaseErrorCounter.Instance);
    }

    /// <summary>
    /// A plain connection to the configured database, opened, for the paths that need no EF model: the start's migration
    /// check and <c>custodian audit verify</c>. EF builds its model on a context's first use of the database, about half
    /// a second of a command's start.
    /// </summary>
    public static async Task<DbConnection> OpenConnectionAsync(StorageOptions options, CancellationToken cancellationToken)
    {
        var connection = CreateConnection(options);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (connection is SqliteConnection)
            {
                SqlitePragmas.Instance.Apply(connection);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>As <see cref="OpenConnectionAsync"/>, not yet opened.</summary>
    public static DbConnection CreateConnection(StorageOptions options) => options.UsesPostgres
        ? new NpgsqlConnection(PostgresConnection(options.PostgresConnectionString!))
        : new SqliteConnection(SqliteConnectionString(options));

    private static string SqliteConnectionString(StorageOptions options)
    {
        DataFolder.Create(options.DataDirectory);
        DataFolder.CreateDatabaseFile(options.SqlitePath);
        return new SqliteConnectionStringBuilder
        {
            DataSource = options.SqlitePath,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>
    /// The operator's connection string, with two defaults where it sets neither: statements run again and again are
    /// prepared on the server instead of parsed and planned each time, and a connection going back to the pool is not
    /// reset with DISCARD ALL (which would drop those statements; the application keeps no session state).
    /// </summary>
    internal static string PostgresConnection(string configured)
    {
        // Npgsql's builder answers ContainsKey for every keyword it knows, so what the operator set is read from the raw pairs.
        var given = new DbConnectionStringBuilder { ConnectionString = configured }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()).ToHashSet();
        var builder = new NpgsqlConnectionStringBuilder(configured);
        if (!given.Contains("MAXAUTOPREPARE"))
        {
            builder.MaxAutoPrepare = 64;
        }

        if (!given.Contains("NORESETONCLOSE"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    public static DbContextOptions<CustodianDb> BuildOptions(StorageOptions options)
    {
        var builder = new DbContextOptionsBuilder<CustodianDb>();
        Configure(builder, options);
        return builder.Options;
    }
}
