using Custodian.PrivacyCentre;
using Microsoft.Extensions.Options;

namespace Custodian.Server.PrivacyCentre;

/// <summary>
/// Who may post a cookie choice: this server's own pages and the operator's configured sites. Browsers
/// always send Origin on a POST from script, so a post without one, or from another site, is a forgery.
/// </summary>
internal sealed class SiteOrigins(IOptions<PrivacyCentreOptions> options, Host.OwnOrigins own)
{
    public const string CorsPolicy = "privacy-centre-sites";

    public bool Allows(HttpContext http)
    {
        if (http.Request.Headers.Origin is not [{ } origin])
        {
            return false;
        }

        return own.Contains(origin) || options.Value.SiteOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase);
    }
}
