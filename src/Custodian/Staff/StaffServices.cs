using Custodian.Gate;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Custodian.Staff;

public static class StaffServices
{
    /// <summary>Staff accounts and their sign-in; needs <c>AddStorage</c> and <c>AddVault</c> (audit log, key provider).</summary>
    public static IServiceCollection AddStaffAccounts(this IServiceCollection services)
    {
        services.AddSingleton<TotpSecrets>();
        services.AddSingleton<StaffAccounts>();
        services.AddSingleton<StaffSignIn>();
        services.AddSingleton<SignInAttempts>();
        // One hasher for every sign-in path; tests replace it to see that each refusal hashes once.
        services.TryAddSingleton<IPasswordHasher<StaffAccount>>(StaffAccounts.Hasher);
        services.AddSingleton<RecoveryCodes>();
        services.AddSingleton<StaffSessions>();
        services.AddSingleton<TwoStepReset>();
        services.AddSingleton<StaffDevices>();
        services.AddSingleton<StaffLifecycle>();
        services.AddSingleton<PasswordChange>();
        // Bound only when a configuration is registered: hosts without one (test harnesses) get the defaults.
        services.AddOptions<StaffOptions>().Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection(StaffOptions.Section).Bind(o));
        services.AddSingleton<IValidateOptions<StaffOptions>, RoleOptionsValidator>();
        services.AddOptions<StaffOptions>().ValidateOnStart();
        services.AddSingleton<RoleCatalogue>();
        services.AddSingleton<RoleRules>();
        services.AddSingleton<SafeManagement>();
        services.AddAccessReviews();
        // Safe management measures in the gate: training first (it refuses), then the view limits (they mask).
        services.AddSingleton<IGateCheck, TrainingCheck>();
        services.AddSingleton<IGateCheck, RoleRulesRefresh>();
        services.AddSingleton<IGateViewFilter, CategoryViewFilter>();
        return services;
    }
}
