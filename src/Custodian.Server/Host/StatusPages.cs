using System.Net;
using Microsoft.AspNetCore.Diagnostics;
using Custodian.Server.Components.Language;

namespace Custodian.Server.Host;

/// <summary>
/// Answers without a body: the API (and anything a program reads) gets problem details; an address a person typed
/// into a browser (the console, the privacy centre, anything not under /api) that matches nothing gets an HTML page.
/// </summary>
internal static class StatusPages
{
    private static readonly string[] ProgramPaths = ["/api", "/openapi", "/health", "/consent.js"];

    public static async Task WriteAsync(StatusCodeContext status)
    {
        var context = status.HttpContext;
        if (context.Response.StatusCode == StatusCodes.Status404NotFound && IsPage(context.Request))
        {
            await WriteNotFoundAsync(context);
            return;
        }

        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Status = context.Response.StatusCode } });
    }

    private static bool IsPage(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && !ProgramPaths.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    private static Task WriteNotFoundAsync(HttpContext context)
    {
        var language = context.Items["lang"] as string ?? PreferredLanguage.FromBrowser(context.Request, ConsoleLanguage.Offered) ?? "en";
        string T(string english) => WebUtility.HtmlEncode(ConsoleText.Translate(language, english));
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="{language}">
            <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><title>{T("Page not found")} · Custodian</title><link rel="stylesheet" href="/custodian.css" /></head>
            <body><main class="not-found">
            <h1>{T("Page not found")}</h1>
            <p>{T("There is no page at this address. It may have been mistyped, or what it showed no longer exists.")}</p>
            <p><a href="/console">{T("Console")}</a> · <a href="/privacy">{T("Privacy centre")}</a></p>
            </main></body>
            </html>
            """);
    }
}
