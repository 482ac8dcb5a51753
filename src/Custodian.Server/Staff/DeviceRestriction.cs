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
            if (context.User.FindFirst(ActorClaims.Kind)?.Value == "staff" && IsGuarded(context.Request.Path))
            {
                var devices = context.RequestServices.GetRequiredService<StaffDevices>();
                if (!await devices.IsAllowedAsync(context.User.ToActor(), Identifier(context), context.RequestAborted))
                {
                    if (context.Request.Path.StartsWithSegments(ConsoleSession.HomePath, StringComparison.Ordinal))
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

    private static bool IsGuarded(PathString path) =>
        (path.StartsWithSegments(ConsoleSession.HomePath, StringComparison.Ordinal) || path.StartsWithSegments("/api", StringComparison.Ordinal))
        && !path.StartsWithSegments(ConsoleSession.AccountPath, StringComparison.Ordinal)
        && !path.StartsWithSegments("/console/sign-out", StringComparison.Ordinal)
        && !path.StartsWithSegments(OwnApi, StringComparison.Ordinal);
}
