using Custodian.Common;
using Custodian.Server.Host;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace Custodian.Server.Staff;

/// <summary>
/// A browser sends the console cookie with any request, even one a foreign page makes it send. So a state change
/// authenticated by that cookie must come from this server's own pages: a same-origin <c>Origin</c>, or without
/// one (or with <c>Origin: null</c>) <c>Sec-Fetch-Site: same-origin</c>; else 403 <c>request.cross-site</c>. Bearer tokens are not sent by
/// browsers on their own and pass; Blazor form posts carry an antiforgery token, checked by the framework.
/// </summary>
internal sealed class CrossSiteRefusal(RequestDelegate next, OwnOrigins own)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
        {
            return next(context);
        }

        var scheme = context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Ticket?.AuthenticationScheme;
        if (scheme != ConsoleSession.Scheme || context.GetEndpoint()?.Metadata.GetMetadata<IAntiforgeryMetadata>() is { RequiresValidation: true })
        {
            return next(context);
        }

        // Our pages send no referrer, so a browser's own form posts carry "Origin: null"; then, as without an Origin,
        // the browser's Sec-Fetch-Site (which no page's script can set) tells whether the post came from our pages.
        var sameOrigin = request.Headers.Origin is [{ } origin] && origin != "null"
            ? own.Contains(origin)
            : request.Headers["Sec-Fetch-Site"] == "same-origin";
        return sameOrigin
            ? next(context)
            : Failure.Refused("request.cross-site", "A change made with the console's session must come from the console's own pages.").ToProblem().ExecuteAsync(context);
    }
}
