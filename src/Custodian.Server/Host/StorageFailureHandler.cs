using Microsoft.AspNetCore.Diagnostics;

namespace Custodian.Server.Host;

/// <summary>
/// A store that is down, full or read-only answers 503 with a code and Retry-After, so that clients wait and retry and
/// operators see which; the log names the exception type and the provider's code only, never a message or a value.
/// </summary>
internal sealed class StorageFailureHandler(IProblemDetailsService problems, ILogger<StorageFailureHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (StorageFailures.Classify(exception) is not { } code)
        {
            return false;
        }

        logger.LogError("Store failure {ExceptionType} {ProviderCode} on {Method} {Endpoint}: answered {Code}",
            StorageFailures.Innermost(exception).GetType().Name, StorageFailures.ProviderCode(exception), httpContext.Request.Method, httpContext.GetEndpoint()?.DisplayName, code);
        var full = code == StorageFailures.Full;
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        // A full disk takes an operator; a restart or a lost connection comes back by itself.
        httpContext.Response.Headers.RetryAfter = full ? "300" : "30";
        var details = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = full ? "Storage full" : "Storage unavailable",
            Type = "urn:custodian:problem:" + code,
            Detail = full
                ? "The store has no space left; nothing of this request was kept. Try again later."
                : "The store cannot be reached or cannot write; nothing of this request was kept. Try again later.",
        };
        details.Extensions["code"] = code;
        return await problems.TryWriteAsync(new() { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }
}
