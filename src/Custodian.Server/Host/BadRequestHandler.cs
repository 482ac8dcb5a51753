using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Custodian.Server.Host;

/// <summary>
/// Turns unreadable requests (malformed JSON, wrong types, unknown fields, oversize bodies) into problem
/// details that name the field; anything else unexpected becomes a bare 500 with no stack trace.
/// </summary>
internal sealed class BadRequestHandler(IProblemDetailsService problems, ILogger<BadRequestHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            logger.LogError("Unhandled {ExceptionType} on {Method} {Endpoint}", exception.GetType().Name, httpContext.Request.Method, httpContext.GetEndpoint()?.DisplayName);
            return false;
        }

        var json = bad.InnerException as JsonException;
        var field = json?.Path is { Length: > 0 } path ? path.TrimStart('$').TrimStart('.') : null;
        // System.Text.Json says so only in its message; the path names the key given twice.
        var duplicate = json?.Message.Contains("duplicate", StringComparison.OrdinalIgnoreCase) == true;
        var status = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? bad.StatusCode : StatusCodes.Status400BadRequest;
        httpContext.Response.StatusCode = status;
        var details = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = status,
            Title = status == 413 ? "Request body too large" : "Malformed request",
            Type = "urn:custodian:problem:" + (status == 413 ? "body.too-large" : json is null ? "request.malformed" : duplicate ? "body.duplicate-key" : "body.json"),
            Detail = json is null ? Describe(bad)
                : duplicate ? $"The JSON body gives the key '{field}' more than once."
                : $"The JSON body is not valid at '{(string.IsNullOrEmpty(field) ? "(body)" : field)}': wrong type, unknown field or malformed JSON.",
        };
        details.Extensions["code"] = status == 413 ? "body.too-large" : json is null ? "request.malformed" : duplicate ? "body.duplicate-key" : "body.json";
        if (field is not null)
        {
            details.Extensions["field"] = field.Length == 0 ? "body" : field;
        }

        return await problems.TryWriteAsync(new() { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }

    // The framework's own messages name the parameter, never the value.
    private static string Describe(BadHttpRequestException bad) =>
        bad.StatusCode == 413 ? "The request body is larger than this endpoint accepts." : bad.Message;
}
