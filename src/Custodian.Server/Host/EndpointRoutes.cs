using Microsoft.AspNetCore.Routing;

namespace Custodian.Server.Host;

/// <summary>
/// Where a request goes, from the endpoint routing matched, never from the path as the client spelled it: routing
/// matches <c>/CONSOLE/persons</c> and <c>/privacy/contact/</c> to the declared routes, so a rule that compared
/// path strings would let those spellings through.
/// </summary>
internal static class EndpointRoutes
{
    /// <summary>The matched endpoint's declared route (<c>/console/persons/{id}</c>), or null when nothing matched.</summary>
    public static PathString? Declared(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } raw } ? new PathString("/" + raw.Trim('/')) : null;

    /// <summary>Whether the matched endpoint's route is <paramref name="prefix"/> or below it.</summary>
    public static bool IsUnder(HttpContext context, string prefix) =>
        Declared(context) is { } route && route.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the matched endpoint's route is exactly <paramref name="route"/>.</summary>
    public static bool Is(HttpContext context, string route) =>
        Declared(context) is { } declared && declared.Equals(route, StringComparison.OrdinalIgnoreCase);
}
