using Microsoft.Net.Http.Headers;

namespace Custodian.Server.Host;

/// <summary>The language a browser asks for (Accept-Language), among those a page can be shown in.</summary>
internal static class PreferredLanguage
{
    /// <summary>The first of the browser's languages, by quality, whose primary tag is in <paramref name="offered"/>; null when none is.</summary>
    public static string? FromBrowser(HttpRequest request, IEnumerable<string> offered)
    {
        var accepted = request.GetTypedHeaders().AcceptLanguage;
        if (accepted is not { Count: > 0 })
        {
            return null;
        }

        var languages = offered.ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var language in accepted.OrderByDescending(l => l.Quality ?? 1.0))
        {
            // "es-MX" is Spanish and "ja-JP" Japanese: the region does not change which notice is read.
            var primary = language.Value.Value?.Split('-')[0].ToLowerInvariant();
            if (primary is not null && languages.Contains(primary) && (language.Quality ?? 1.0) > 0)
            {
                return primary;
            }
        }

        return null;
    }

    /// <summary>Tells caches that the answer depends on the browser's languages.</summary>
    public static void VaryByBrowser(HttpResponse response) => response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptLanguage);
}
