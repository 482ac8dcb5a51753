using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Backup;

public static class BackupModule
{
    /// <summary>Backups of the configured database, and their restore: used by the <c>custodian backup</c> commands.</summary>
    public static IServiceCollection AddBackup(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BackupOptions>().Bind(configuration.GetSection(BackupOptions.Section)).ValidateOnStart();
        services.AddSingleton<BackupCreator>();
        services.AddSingleton<BackupRestorer>();
        return services;
    }
}
