using Custodian.Server.Host;

namespace Custodian.Server.Components.Language;

/// <summary>
/// Settles the language of the console and the client companies' pages before the page renders (<c>&lt;html lang&gt;</c> is written first): <c>?lang</c>,
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
            if (Area(context) is not null)
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
                HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, Path = Area(context) ?? "/console", MaxAge = TimeSpan.FromDays(365),
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

    // The staff console and the client companies' pages speak the same three languages, each remembering its own choice.
    private static string? Area(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/console", StringComparison.OrdinalIgnoreCase) ? "/console"
        : context.Request.Path.StartsWithSegments("/company", StringComparison.OrdinalIgnoreCase) ? "/company"
        : null;

    /// <summary>The language settled for this request (the console's, or the privacy centre's).</summary>
    public static string Of(HttpContext? context) => context?.Items["lang"] as string ?? "en";
}
