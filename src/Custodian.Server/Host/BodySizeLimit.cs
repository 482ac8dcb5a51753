namespace Custodian.Server.Host;

/// <summary>Refuses declared oversize bodies before reading them; Kestrel's own limit catches chunked ones.</summary>
internal sealed class BodySizeLimit(RequestDelegate next)
{
    public const long MaxBytes = 1024 * 1024;

    public Task InvokeAsync(HttpContext context) =>
        context.Request.ContentLength > MaxBytes
            ? Results.Problem("The request body is larger than 1 MiB.", statusCode: 413, title: "Request body too large", type: "urn:custodian:problem:body.too-large",
                extensions: new Dictionary<string, object?> { ["field"] = "body" }).ExecuteAsync(context)
            : next(context);
}
