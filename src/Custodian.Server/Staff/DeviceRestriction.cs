using Custodian.Server.Host;
using Custodian.Staff;

namespace Custodian.Server.Staff;

/// <summary>
/// Staff of a role that requires registered devices act only from an approved one. Console pages send them to
/// their account page, where the device is registered; the API answers 403. Their own account pages and
/// endpoints stay open, or a new device could never be registered.
/// </summary>
internal static class DeviceRestriction
{
    public const string CookieName = "custodian.device";
    private const string OwnApi = "/api/v1/staff/me";

    // Long-lived, like the browser it names; the browser caps it at about 400 days.
    private static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(400);

    public static WebApplication UseDeviceRestriction(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.User.FindFirst(ActorClaims.Kind)?.Value == "staff" && IsGuarded(context))
            {
                var devices = context.RequestServices.GetRequiredService<StaffDevices>();
                if (!await devices.IsAllowedAsync(context.User.ToActor(), Identifier(context), context.RequestAborted))
                {
                    if (EndpointRoutes.IsUnder(context, ConsoleSession.HomePath))
                    {
                        context.Response.Redirect(ConsoleSession.AccountPath);
                    }
                    else
                    {
                        await StaffDevices.Required.ToProblem().ExecuteAsync(context);
                    }

                    return;
                }
            }

            await next(context);
        });
        return app;
    }

    public static string? Identifier(HttpContext context) => context.Request.Cookies[CookieName];

    public static void Remember(HttpContext context, string identifier) =>
        context.Response.Cookies.Append(CookieName, identifier, new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            Path = "/",
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            MaxAge = CookieLifetime,
        });

    // From the matched route, so that /CONSOLE/persons or /api/v1/persons/{id}/ is guarded like its declared spelling;
    // a request that matched nothing reaches no data and is left to answer 404.
    /// <summary>A console page or API endpoint other than the caller's own account's: what an account on hold may not reach.</summary>
    public static bool IsGuarded(HttpContext context) =>
        (EndpointRoutes.IsUnder(context, ConsoleSession.HomePath) || EndpointRoutes.IsUnder(context, "/api"))
        && !EndpointRoutes.IsUnder(context, ConsoleSession.AccountPath)
        && !EndpointRoutes.IsUnder(context, "/console/sign-out")
        && !EndpointRoutes.IsUnder(context, OwnApi);
}
