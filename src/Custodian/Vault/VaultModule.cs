using Custodian.Audit;
using Custodian.Consent;
using Custodian.Gate;
using Custodian.Vault.Keys;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Vault;

public static class VaultModule
{
    /// <summary>The vault, the gate and the audit chain: the spine every other module uses.</summary>
    public static IServiceCollection AddVault(this IServiceCollection services)
    {
        services.AddSingleton<KeyBootstrap>();
        services.AddSingleton<IKeyProvider>(sp => sp.GetRequiredService<KeyBootstrap>().Provider);
        services.AddSingleton<VaultCrypto>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AuditCheckpoints>();
        services.AddSingleton<AuditVerifier>();
        services.AddSingleton<ConsentLedger>();
        services.AddSingleton<PersonVault>();
        services.AddSingleton<PersonGate>();
        return services;
    }
}
