using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Staff;

public static class StaffServices
{
    /// <summary>Staff accounts and their sign-in; needs <c>AddStorage</c> and <c>AddVault</c> (audit log, key provider).</summary>
    public static IServiceCollection AddStaffAccounts(this IServiceCollection services)
    {
        services.AddSingleton<TotpSecrets>();
        services.AddSingleton<StaffAccounts>();
        services.AddSingleton<StaffSignIn>();
        return services;
    }
}
