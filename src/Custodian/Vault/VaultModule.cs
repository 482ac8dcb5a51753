using Custodian.Consent;
using Custodian.Gate;
using Custodian.Vault.Keys;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Vault;

public static class VaultModule
{
    /// <summary>The vault, its keys and the gate: every other module reaches personal data through these.</summary>
    public static IServiceCollection AddVault(this IServiceCollection services)
    {
        services.AddSingleton<KeyBootstrap>();
        services.AddSingleton<IKeyProvider>(sp => sp.GetRequiredService<KeyBootstrap>().Provider);
        services.AddSingleton<VaultCrypto>();
        services.AddSingleton<IWrappedKeyTable, PersonKeyTable>();
        services.AddSingleton<KeyRotation>();
        services.AddSingleton<ConsentLedger>();
        services.AddSingleton<Enrolment>();
        services.AddSingleton<PersonVault>();
        services.AddSingleton<PersonFinder>();
        services.AddSingleton<UseSuspensions>();
        services.AddSingleton<ErasureLedger>();
        services.AddSingleton<ErasureReplay>();
        services.AddSingleton<ImportDuplicates>();
        services.AddSingleton<PersonGate>();
        // The gate's rules, in the order they run; other modules add theirs with AddSingleton<IGateCheck, ...>.
        services.AddSingleton<IGateCheck, PersonStateCheck>();
        services.AddSingleton<IGateCheck, ActorPurposeCheck>();
        services.AddSingleton<IGateCheck, ConsentCheck>();
        services.AddSingleton<IGateCheck, CatchAllReasonCheck>();
        services.AddSingleton<UseReasons>();
        services.AddSingleton<IErasureParticipant>(sp => sp.GetRequiredService<UseReasons>());
        return services;
    }
}
