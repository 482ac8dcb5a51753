using Custodian.Policy.Loading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Custodian.Policy;

/// <summary>Registers the policies: loaded and validated once, at start, so a bad file stops the host rather than a request.</summary>
public static class PolicyModule
{
    public static IServiceCollection AddPolicy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PolicyOptions>()
            .Bind(configuration.GetSection(PolicyOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(provider => LoadStore(provider.GetRequiredService<IOptions<PolicyOptions>>().Value, provider.GetService<TimeProvider>()));
        services.AddHostedService<PolicyStartupCheck>();
        return services;
    }

    /// <summary>Loads every policy in the configured folder; throws <see cref="PolicyLoadException"/>, listing every error, if any file is invalid.</summary>
    internal static PolicyStore LoadStore(PolicyOptions options, TimeProvider? time = null)
    {
        var directory = Path.IsPathRooted(options.Directory) ? options.Directory : Path.Combine(AppContext.BaseDirectory, options.Directory);
        var results = PolicyLoader.LoadDirectory(directory);
        var errors = results.SelectMany(r => r.Errors).ToList();
        if (errors.Count > 0)
        {
            throw new PolicyLoadException($"The policy files have {errors.Count} error(s):{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        }

        return new PolicyStore(results.Select(r => r.Policy!), options.Default, time);
    }
}

/// <summary>Resolves the store while the host starts, so invalid policies fail the start instead of the first request.</summary>
internal sealed class PolicyStartupCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<PolicyStore>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
