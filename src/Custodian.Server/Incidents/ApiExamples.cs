using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Custodian.Server.Incidents;

/// <summary>An example answer in the OpenAPI document, so a client developer sees the shape before calling.</summary>
internal static class ApiExamples
{
    public static RouteHandlerBuilder WithExample(this RouteHandlerBuilder builder, string status, string contentType, string json) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Responses ??= new OpenApiResponses();
            if (!operation.Responses.TryGetValue(status, out var response))
            {
                response = new OpenApiResponse { Description = status };
                operation.Responses[status] = response;
            }

            if (response is OpenApiResponse concrete)
            {
                concrete.Content ??= new Dictionary<string, OpenApiMediaType>();
                if (!concrete.Content.TryGetValue(contentType, out var media))
                {
                    media = new OpenApiMediaType();
                    concrete.Content[contentType] = media;
                }

                media.Example = JsonNode.Parse(json);
            }

            return Task.CompletedTask;
        });

    /// <summary>An example JSON request body in the OpenAPI document, beside the schema the body's type gives.</summary>
    public static RouteHandlerBuilder WithRequestExample(this RouteHandlerBuilder builder, string json) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.RequestBody?.Content is { } content && content.TryGetValue("application/json", out var media))
            {
                media.Example = JsonNode.Parse(json);
            }

            return Task.CompletedTask;
        });

    /// <summary>
    /// A text body, documented only: <c>Accepts</c> would also make routing refuse other content types with 415 before
    /// the permission is checked, and the body is read as text whatever its declared type.
    /// </summary>
    public static RouteHandlerBuilder WithTextBody(this RouteHandlerBuilder builder, params string[] contentTypes) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = contentTypes.ToDictionary(t => t, _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } }),
            };
            return Task.CompletedTask;
        });
}
