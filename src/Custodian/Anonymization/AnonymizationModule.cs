using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Custodian.Anonymization;

public static class AnonymizationModule
{
    /// <summary>Releases of anonymized processed information, their publication, statistics and the schedule.</summary>
    public static IServiceCollection AddAnonymizationServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReleaseOptions>().Bind(configuration.GetSection(ReleaseOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReleaseOptions>, ReleaseOptionsValidator>();
        services.AddSingleton<AnonymizedReleases>();
        services.AddSingleton<ReleaseProvisions>();
        services.AddSingleton<VaultStatistics>();
        services.AddSingleton<ReleaseScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<ReleaseScheduler>());
        return services;
    }
}
