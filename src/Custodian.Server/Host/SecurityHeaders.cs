namespace Custodian.Server.Host;

/// <summary>A strict Content-Security-Policy (no inline script or style anywhere), no framing, no sniffing, no referrer,
/// no stored copies; HSTS over https.</summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; " +
        "frame-ancestors 'none'; form-action 'self'; base-uri 'self'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            // Whatever a matched endpoint answers (API, console and privacy-centre pages, documents, letters) may
            // carry personal data: no browser or proxy keeps a copy. Static files (no endpoint) stay cacheable.
            if (context.GetEndpoint() is not null || context.User.Identity?.IsAuthenticated == true)
            {
                headers.CacheControl = "no-store";
            }

            // Over https only (directly, or from a trusted TLS proxy): a browser ignores it over http anyway.
            // UseHsts would skip localhost, which the tests and a proxy on the same host both use.
            if (context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000";
            }
            return Task.CompletedTask;
        });
        return next(context);
    }
}
