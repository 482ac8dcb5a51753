using System.Globalization;
using Custodian.Requests;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Custodian.Server.Requests;

/// <summary>
/// The person's session on the status page: a protected cookie naming the request (never the secret or any personal
/// data) and when it was last used. After <see cref="RequestsOptions.StatusIdleMinutes"/> idle the secret is asked again.
/// </summary>
internal static class StatusSession
{
    private const string Cookie = "custodian-request";
    private const string Purpose = "Custodian.Requests.StatusSession";

    public static void Begin(HttpContext http, Guid requestId) => Write(http, requestId);

    /// <summary>The request of a live session, refreshed; null when there is none or it went idle.</summary>
    public static Guid? Current(HttpContext http, out bool expired)
    {
        expired = false;
        if (!http.Request.Cookies.TryGetValue(Cookie, out var value))
        {
            return null;
        }

        string text;
        try
        {
            text = Protector(http).Unprotect(value);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }

        var parts = text.Split('|');
        if (parts.Length != 2 || !Guid.TryParse(parts[0], out var id) || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
        {
            return null;
        }

        var idle = TimeSpan.FromMinutes(http.RequestServices.GetRequiredService<IOptions<RequestsOptions>>().Value.StatusIdleMinutes);
        if (Now(http) - new DateTimeOffset(ticks, TimeSpan.Zero) > idle)
        {
            expired = true;
            End(http);
            return null;
        }

        if (!http.Response.HasStarted)
        {
            Write(http, id);
        }

        return id;
    }

    public static void End(HttpContext http)
    {
        if (!http.Response.HasStarted)
        {
            http.Response.Cookies.Delete(Cookie, Options(http));
        }
    }

    private static void Write(HttpContext http, Guid requestId) =>
        http.Response.Cookies.Append(Cookie, Protector(http).Protect(string.Create(CultureInfo.InvariantCulture, $"{requestId}|{Now(http).UtcTicks}")), Options(http));

    private static CookieOptions Options(HttpContext http) => new()
    {
        HttpOnly = true,
        Secure = http.Request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = "/privacy/requests",
        IsEssential = true,
    };

    private static DateTimeOffset Now(HttpContext http) => http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();

    private static IDataProtector Protector(HttpContext http) =>
        http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
}
