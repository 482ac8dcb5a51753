using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Custodian.Server.Staff;

/// <summary>
/// What client developers read in the OpenAPI document: the two ways to authenticate, and on every operation the
/// permission it needs (<c>x-required-permission</c> and its description) with its 401 and 403 problem answers.
/// </summary>
internal static class PermissionDocumentation
{
    private const string Bearer = "bearer";
    private const string Cookie = "console-session";

    public static OpenApiOptions DocumentPermissions(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A service's API token from `custodian token create --permission P [--purpose U]`; it holds only the permissions it was given.",
            };
            document.Components.SecuritySchemes[Cookie] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = "custodian.session",
                Description = "A staff console session (password and second factor); its role's permissions apply. State changes need the server's own Origin.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var permission = PermissionEndpoints.DeclaredPermission(metadata);
            if (permission is null || PermissionEndpoints.IsPublic(metadata))
            {
                return Task.CompletedTask;
            }

            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions["x-required-permission"] = new JsonNodeExtension(JsonValue.Create(permission));
            operation.Description = $"Requires the permission `{permission}`." + (operation.Description is { Length: > 0 } d ? "\n\n" + d : "");
            operation.Security = [Requirement(Bearer, context.Document), Requirement(Cookie, context.Document)];
            operation.Responses ??= new OpenApiResponses();
            operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No credential, or one that has ended (no body)." });
            operation.Responses.TryAdd("403", new OpenApiResponse { Description = $"The credential does not hold `{permission}`, or the caller's network, device or purpose is refused (problem details with `code`)." });
            return Task.CompletedTask;
        });
        return options;
    }

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument? document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };
}
