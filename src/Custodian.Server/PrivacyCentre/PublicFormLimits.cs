using Custodian.PrivacyCentre;
using Custodian.Server.Host;
using Microsoft.Extensions.Options;

namespace Custodian.Server.PrivacyCentre;

/// <summary>
/// The public forms (cookie choices, the contact form, the request form) are limited per network, so one source cannot
/// flood the ledger or the inbox; on PostgreSQL across every server (<see cref="AddressLimit"/>). Limits answer 429 with a
/// problem body and Retry-After. The form is known by the matched route (routing runs first), so
/// <c>/privacy/contact/</c> or <c>/PRIVACY/Contact</c> counts against the same limit.
/// </summary>
internal static class PublicFormLimits
{
    public const string ContactPath = "/privacy/contact";
    public const string RequestFormPath = "/privacy/requests/new";

    private const string Code = "rate.limited";
    private const string Detail = "Too many requests from this network; try again later.";

    public static WebApplication UsePublicFormLimits(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (LimitOf(context) is { } limit && !await limit.AdmitAsync(context, AnonymizedAddress.Of(context.Connection.RemoteIpAddress)))
            {
                return;
            }

            await next(context);
        });
        return app;
    }

    private static AddressLimit? LimitOf(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            return null;
        }

        var options = http.RequestServices.GetRequiredService<IOptions<PrivacyCentreOptions>>().Value;
        if (EndpointRoutes.Is(http, CookieConsentEndpoints.ChoicesPath))
        {
            return new AddressLimit("choices", options.ChoicesPerMinutePerNetwork, TimeSpan.FromMinutes(1), Code, Detail, "body");
        }

        if (EndpointRoutes.Is(http, ContactPath))
        {
            return new AddressLimit("contact", options.InquiriesPerHourPerNetwork, TimeSpan.FromHours(1), Code, Detail, "body");
        }

        return EndpointRoutes.Is(http, RequestFormPath)
            ? new AddressLimit("requests", options.RequestsPerHourPerNetwork, TimeSpan.FromHours(1), Code, Detail, "body")
            : null;
    }
}
