using System.Net;
using Custodian.Server.Host;
using Custodian.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Custodian.Server.Staff;

/// <summary>
/// Access control by network: the client address (X-Forwarded-For only from the configured proxies, none by default) must be
/// in the role's and the account's allow-lists. Sign-in posts are limited per address, across servers (<see cref="AddressLimit"/>).
/// </summary>
internal static partial class NetworkRestriction
{
    public static IServiceCollection AddNetworkRestriction(this IServiceCollection services)
    {
        services.AddOptions<StaffOptions>()
            .Validate(o => o.TrustedProxies.All(p => IPAddress.TryParse(p, out _)), "Staff:TrustedProxies lists IP addresses only.")
            .Validate(o => o.SignInPermitsPerMinute > 0, "Staff:SignInPermitsPerMinute is at least 1.")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<StaffOptions>>((o, staff) =>
        {
            // With no proxy configured nobody's forwarded headers are read: empty known lists would make the
            // middleware believe every sender. With proxies, their client address and scheme (TLS ended at the proxy).
            o.ForwardedHeaders = staff.Value.TrustedProxies.Length == 0
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured proxies: not even loopback is believed by default.
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var proxy in staff.Value.TrustedProxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        return services;
    }

    public static WebApplication UseNetworkRestriction(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (IsSignInPost(context) && !await SignInLimit(context).AdmitAsync(context, context.Connection.RemoteIpAddress?.ToString() ?? ""))
            {
                return;
            }

            var kind = context.User.FindFirst(ActorClaims.Kind)?.Value;
            if (kind is "staff" or "token")
            {
                var actor = context.User.ToActor();
                var rules = context.RequestServices.GetRequiredService<SafeManagement>();
                if (!await rules.IsNetworkAllowedAsync(actor, context.Connection.RemoteIpAddress, context.RequestAborted))
                {
                    // Only the actor's id is logged: the address may come from a header the client wrote.
                    LogRefused(context.RequestServices.GetRequiredService<ILogger<SafeManagement>>(), actor.AuditName);
                    await RefuseAsync(context);
                    return;
                }
            }

            await next(context);
        });
        return app;
    }

    // The sign-in pages as routing matched them: no spelling of the path escapes the throttle.
    private static bool IsSignInPost(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && EndpointRoutes.IsUnder(context, ConsoleSession.SignInPath);

    private static AddressLimit SignInLimit(HttpContext context) => new(
        "sign-in", context.RequestServices.GetRequiredService<IOptions<StaffOptions>>().Value.SignInPermitsPerMinute, TimeSpan.FromMinutes(1),
        "staff.sign-in-throttled", "Too many sign-in attempts from this address; wait a minute.");

    // Answered like a failed sign-in, so the response does not tell an attacker that the credential was good.
    private static async Task RefuseAsync(HttpContext context)
    {
        if (EndpointRoutes.IsUnder(context, ConsoleSession.HomePath))
        {
            await context.SignOutAsync(ConsoleSession.Scheme);
            context.Response.Redirect(ConsoleSession.SignInPath);
            return;
        }

        await StaffSignIn.Refused.ToProblem401().ExecuteAsync(context);
    }

    private static IResult ToProblem401(this Custodian.Common.Failure failure) => Results.Problem(
        failure.Detail, statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in", type: "urn:custodian:problem:" + failure.Code,
        extensions: new Dictionary<string, object?> { ["code"] = failure.Code });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request refused: {Actor} is not allowed from this network.")]
    private static partial void LogRefused(ILogger logger, string actor);
}
