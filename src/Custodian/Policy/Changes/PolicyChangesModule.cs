using Custodian.Gate;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Policy.Changes;

/// <summary>Policy versions in use: the gate's rule for uses a later version added, agreement to a version, and telling persons of a change.</summary>
public static class PolicyChangesModule
{
    /// <summary>Register after the vault: the gate runs its checks in registration order, state and consent first.</summary>
    public static IServiceCollection AddPolicyChanges(this IServiceCollection services)
    {
        services.AddSingleton<IGateCheck, PolicyChangeCheck>();
        services.AddSingleton<PolicyAgreements>();
        services.AddSingleton<PolicyChangeNotices>();
        return services;
    }
}
