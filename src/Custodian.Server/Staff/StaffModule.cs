using Custodian.Server.Host;
using Custodian.Staff;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

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
        // Console pages take the session cookie only: a service's bearer token does not open them.
        services.AddAuthorizationBuilder().AddPolicy(ConsoleSession.Policy, p => p
            .AddAuthenticationSchemes(ConsoleSession.Scheme)
            .RequireClaim(ActorClaims.Kind, "staff"));
        services.AddAuthorizationBuilder().AddPolicy(SafeManagementEndpoints.AdminPolicy, p => p.RequireRole(StaffRoles.Administrator));
        services.AddAuthorizationBuilder().AddPolicy(AccountSecurityEndpoints.StaffPolicy, p => p.RequireClaim(ActorClaims.Kind, "staff"));
        services.AddNetworkRestriction();
        return services;
    }

    public static WebApplication MapStaff(this WebApplication app)
    {
        // Console pages show personal data: no browser or proxy may keep a copy.
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(ConsoleSession.HomePath, StringComparison.Ordinal))
            {
                context.Response.Headers.CacheControl = "no-store";
            }

            return next(context);
        });
        app.UseNetworkRestriction();
        app.UseDeviceRestriction();
        app.UsePasswordChangeRestriction();
        app.MapSafeManagement();
        app.MapStaffAccounts();
        app.MapAccountSecurity();
        app.MapAccessReviews();
        app.MapPost("/console/sign-out", SignOutAsync).ExcludeFromDescription();
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
