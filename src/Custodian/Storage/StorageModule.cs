using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Custodian.Storage;

public static class StorageModule
{
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .PostConfigure(o => o.PostgresConnectionString ??= configuration.GetConnectionString("Custodian"))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddPooledDbContextFactory<CustodianDb>((sp, builder) =>
            Configure(builder, sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<CustodianDb>>().CreateDbContext());
        services.AddSingleton<DatabaseMigrator>();
        return services;
    }

    internal static void Configure(DbContextOptionsBuilder builder, StorageOptions options)
    {
        if (options.UsesPostgres)
        {
            builder.UseNpgsql(options.PostgresConnectionString);
            return;
        }

        Directory.CreateDirectory(options.DataDirectory);
        var connection = new SqliteConnectionStringBuilder
        {
            DataSource = options.SqlitePath,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        builder.UseSqlite(connection).AddInterceptors(SqlitePragmas.Instance);
    }

    public static DbContextOptions<CustodianDb> BuildOptions(StorageOptions options)
    {
        var builder = new DbContextOptionsBuilder<CustodianDb>();
        Configure(builder, options);
        return builder.Options;
    }
}
