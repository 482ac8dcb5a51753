using Custodian.Server.Host;

namespace Custodian.Server.Components.Language;

/// <summary>
/// Settles the console's language before the page renders (<c>&lt;html lang&gt;</c> is written first): <c>?lang</c>,
/// which is also remembered in a cookie, else that cookie, else the browser's Accept-Language, else English.
/// </summary>
internal static class ConsoleLanguage
{
    public const string Cookie = "custodian-lang";

    public static readonly string[] Offered = ["ja", "en", "es"];

    public static WebApplication UseConsoleLanguage(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/console", StringComparison.OrdinalIgnoreCase))
            {
                context.Items["lang"] = Choose(context);
            }

            return next(context);
        });
        return app;
    }

    public static string Choose(HttpContext context)
    {
        if (context.Request.Query["lang"] is [{ } asked] && Offered.Contains(asked))
        {
            context.Response.Cookies.Append(Cookie, asked, new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, Path = "/console", MaxAge = TimeSpan.FromDays(365),
            });
            return asked;
        }

        if (context.Request.Cookies[Cookie] is { } kept && Offered.Contains(kept))
        {
            return kept;
        }

        PreferredLanguage.VaryByBrowser(context.Response);
        return PreferredLanguage.FromBrowser(context.Request, Offered) ?? "en";
    }

    /// <summary>The language settled for this request (the console's, or the privacy centre's).</summary>
    public static string Of(HttpContext? context) => context?.Items["lang"] as string ?? "en";
}
