using Custodian.Vault.Keys;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Custodian.Server.Host;

/// <summary>
/// Readiness fails when the key file was deleted or replaced while running: the server still holds the key, but the
/// next start would not, and a backup taken now would miss it. Said once per probe, naming the key id, never the key.
/// </summary>
internal sealed class KeyFileHealthCheck(KeyBootstrap keys, ILogger<KeyFileHealthCheck> logger) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problem = keys.CheckKeyFile();
        if (problem is null)
        {
            return Task.FromResult(HealthCheckResult.Healthy());
        }

        logger.LogError("Key file check failed for key {KeyId}: {Problem}", keys.Provider.KeyId, problem);
        return Task.FromResult(HealthCheckResult.Unhealthy(problem));
    }
}
