using System.Globalization;
using System.Threading.RateLimiting;
using Custodian.PrivacyCentre;
using Custodian.Server.Host;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Custodian.Server.PrivacyCentre;

/// <summary>
/// The public forms (cookie choices, the contact form, the request form) are limited per network, so one source cannot
/// flood the ledger or the inbox. Limits answer 429 with a problem body and Retry-After. The form is known by the
/// matched route (routing runs first), so <c>/privacy/contact/</c> or <c>/PRIVACY/Contact</c> counts against the same limit.
/// </summary>
internal static class PublicFormLimits
{
    public const string ContactPath = "/privacy/contact";
    public const string RequestFormPath = "/privacy/requests/new";

    public static void Configure(RateLimiterOptions limiter)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            var options = http.RequestServices.GetRequiredService<IOptions<PrivacyCentreOptions>>().Value;
            var network = AnonymizedAddress.Of(http.Connection.RemoteIpAddress);
            if (HttpMethods.IsPost(http.Request.Method) && EndpointRoutes.Is(http, CookieConsentEndpoints.ChoicesPath))
            {
                return RateLimitPartition.GetFixedWindowLimiter("choices:" + network, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.ChoicesPerMinutePerNetwork, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                });
            }

            if (HttpMethods.IsPost(http.Request.Method) && EndpointRoutes.Is(http, ContactPath))
            {
                return RateLimitPartition.GetFixedWindowLimiter("contact:" + network, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.InquiriesPerHourPerNetwork, Window = TimeSpan.FromHours(1), QueueLimit = 0,
                });
            }

            if (HttpMethods.IsPost(http.Request.Method) && EndpointRoutes.Is(http, RequestFormPath))
            {
                return RateLimitPartition.GetFixedWindowLimiter("requests:" + network, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.RequestsPerHourPerNetwork, Window = TimeSpan.FromHours(1), QueueLimit = 0,
                });
            }

            return RateLimitPartition.GetNoLimiter("");
        });
        limiter.OnRejected = (context, cancellationToken) =>
        {
            if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            {
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            return new ValueTask(Problems.TooManyRequests("rate.limited", "Too many requests from this network; try again later.", field: "body").ExecuteAsync(context.HttpContext));
        };
    }
}
