using System.Security.Claims;
using Custodian.Server.Host;
using Custodian.Staff;
using Microsoft.AspNetCore.Authorization;

namespace Custodian.Server.Staff;

/// <summary>The permission an endpoint or page needs; every one declares one, or is public with <c>AllowAnonymous</c>.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
internal sealed class RequiresPermissionAttribute(string permission) : AuthorizeAttribute, IAuthorizationRequirementData
{
    public string Permission { get; } = permission;

    public IEnumerable<IAuthorizationRequirement> GetRequirements() => [new PermissionRequirement(Permission)];
}

internal sealed record PermissionRequirement(string Permission) : IAuthorizationRequirement;

/// <summary>The realm a signed-in account's role must belong to: staff pages for staff, the company portal for companies.</summary>
internal sealed record RealmRequirement(Realm Realm) : IAuthorizationRequirement;

/// <summary>A staff session's permissions come from its role, read on every request; a token's from the token.</summary>
internal sealed class CallerGrants(RoleCatalogue roles)
{
    public bool Holds(ClaimsPrincipal user, string permission) => user.FindFirstValue(ActorClaims.Kind) switch
    {
        "token" => user.HasClaim(ActorClaims.Permission, permission),
        "staff" => roles.Grants(user.FindFirstValue(ActorClaims.Role) ?? "", permission),
        _ => false,
    };

    public bool InRealm(ClaimsPrincipal user, Realm realm) =>
        user.FindFirstValue(ActorClaims.Kind) == "staff" && roles.Find(user.FindFirstValue(ActorClaims.Role) ?? "")?.Realm == realm;

    /// <summary>For an action inside a page that needs more than the page's own permission.</summary>
    public Common.Failure? Require(ClaimsPrincipal user, string permission) =>
        Holds(user, permission) ? null : Common.Failure.Refused("permission.missing", $"This needs the permission '{permission}'.");
}

internal sealed class PermissionHandler(CallerGrants grants) : IAuthorizationHandler
{
    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        foreach (var requirement in context.PendingRequirements.ToList())
        {
            var met = requirement switch
            {
                PermissionRequirement p => grants.Holds(context.User, p.Permission),
                RealmRequirement r => grants.InRealm(context.User, r.Realm),
                _ => (bool?)null,
            };
            if (met == true)
            {
                context.Succeed(requirement);
            }
        }

        return Task.CompletedTask;
    }
}

internal static class PermissionEndpoints
{
    /// <summary>Declares the permission the endpoints of <paramref name="builder"/> need.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(new RequiresPermissionAttribute(permission));

    /// <summary>The permission an endpoint declares, or null when it declares none.</summary>
    public static string? DeclaredPermission(this Endpoint endpoint) => DeclaredPermission(endpoint.Metadata);

    /// <summary>The permission declared in an endpoint's metadata (the route table's, or OpenAPI's copy of it).</summary>
    public static string? DeclaredPermission(IEnumerable<object> metadata) =>
        metadata.OfType<IAuthorizationRequirementData>().SelectMany(d => d.GetRequirements()).OfType<PermissionRequirement>().LastOrDefault()?.Permission;

    public static bool IsPublic(this Endpoint endpoint) => IsPublic(endpoint.Metadata);

    public static bool IsPublic(IEnumerable<object> metadata) => metadata.OfType<IAllowAnonymous>().Any();
}

/// <summary>
/// Refuses to start while any endpoint or page declares neither a permission nor that it is public. A startup filter,
/// because the route table is complete only once the pipeline is built, after every hosted service has started.
/// </summary>
internal sealed class EndpointPermissionCheck : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        Verify(app.ApplicationServices.GetRequiredService<EndpointDataSource>().Endpoints);
    };

    public static void Verify(IEnumerable<Endpoint> endpoints)
    {
        var undeclared = endpoints.OfType<RouteEndpoint>()
            .Where(e => !e.IsPublic() && e.DeclaredPermission() is null)
            .Select(e => e.RoutePattern.RawText ?? e.DisplayName ?? "?")
            .ToList();
        if (undeclared.Count > 0)
        {
            throw new UndeclaredPermissionException("endpoints without a declared permission: " + string.Join(", ", undeclared));
        }
    }
}

internal sealed class UndeclaredPermissionException(string message) : Exception(message);
