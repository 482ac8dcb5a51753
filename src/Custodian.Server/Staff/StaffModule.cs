using Custodian.Staff;
using Microsoft.AspNetCore.Authentication;

namespace Custodian.Server.Staff;

/// <summary>Who may act: API tokens for services, the console sign-in for staff.</summary>
internal static class StaffModule
{
    public const string Scheme = "Custodian";

    public static IServiceCollection AddStaff(this IServiceCollection services)
    {
        services.AddSingleton<ApiTokens>();
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API token or console session", o => o.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null);
        services.AddAuthorization();
        return services;
    }

    public static WebApplication MapStaff(this WebApplication app) => app;

    private static string SelectScheme(HttpContext context) => ApiTokenAuthentication.SchemeName;
}
