using Custodian.Server.Host;
using Custodian.Staff;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Custodian.Server.Staff;

/// <summary>Who may act: API tokens for services, the console sign-in for staff.</summary>
internal static class StaffModule
{
    public const string Scheme = "Custodian";

    public static IServiceCollection AddStaff(this IServiceCollection services)
    {
        services.AddSingleton<ApiTokens>();
        services.AddSingleton<ValidatedTokens>();
        services.AddStaffAccounts();
        services.AddHostedService<AdministratorBootstrap>();
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API token or console session", o => o.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null)
            .AddConsoleCookies();
        // Console pages and the company portal take the session cookie only (a bearer token opens neither), each for
        // accounts of its own realm: a client company's user never reaches a staff page, nor staff the portal.
        services.AddAuthorizationBuilder()
            .AddPolicy(ConsoleSession.Policy, p => p.AddAuthenticationSchemes(ConsoleSession.Scheme).AddRequirements(new RealmRequirement(Realm.Staff)))
            .AddPolicy(ConsoleSession.CompanyPolicy, p => p.AddAuthenticationSchemes(ConsoleSession.Scheme).AddRequirements(new RealmRequirement(Realm.Company)));
        services.AddSingleton<CallerGrants>();
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        // Nothing is served while an endpoint declares no permission.
        services.AddSingleton<IStartupFilter, EndpointPermissionCheck>();
        services.AddNetworkRestriction();
        return services;
    }

    public static WebApplication MapStaff(this WebApplication app)
    {
        // Console pages and the API answer no-store from SecurityHeaders, decided by the matched endpoint.
        app.UseMiddleware<CrossSiteRefusal>();
        app.UseNetworkRestriction();
        app.UseDeviceRestriction();
        app.UsePasswordChangeRestriction();
        app.MapSafeManagement();
        app.MapStaffAccounts();
        app.MapApiTokens();
        app.MapAccountSecurity();
        app.MapAccessReviews();
        app.MapPost("/console/sign-out", SignOutAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery, StaffSessions sessions)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Problems.AntiforgeryRefused();
        }

        var session = await context.AuthenticateAsync(ConsoleSession.Scheme);
        if (session.Succeeded)
        {
            await sessions.SignOutAsync(session.Principal.ToActor(), ConsoleSession.SessionId(session.Principal) ?? Guid.Empty, context.RequestAborted);
            await context.SignOutAsync(ConsoleSession.Scheme);
        }

        return Results.Redirect(ConsoleSession.SignInPath);
    }

    private static string SelectScheme(HttpContext context) =>
        context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? ApiTokenAuthentication.SchemeName
            : ConsoleSession.Scheme;
}
