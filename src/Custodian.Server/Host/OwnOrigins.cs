using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Custodian.Server.Host;

/// <summary>
/// The origins browsers reach this server at: <c>Host:PublicOrigins</c> when set (behind a proxy), else the addresses of
/// <c>Urls</c> and those the server actually listens on (a port chosen at start, <c>--urls http://127.0.0.1:0</c>).
/// Checks of a request's Origin compare with these, never with its Host header, which the sender chooses.
/// </summary>
internal sealed class OwnOrigins(IConfiguration configuration, IServer server)
{
    private readonly string[] _configured = Origins(configuration.GetSection("Host:PublicOrigins").Get<string[]>() ?? []);
    private readonly string[] _urls = Origins((configuration["Urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    // Read at the first request, when the server has bound its addresses; they do not change while it runs.
    private readonly Lazy<string[]> _bound = new(() => Origins(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []));

    public bool Contains(string? origin)
    {
        if (origin is not { Length: > 0 })
        {
            return false;
        }

        origin = origin.TrimEnd('/');
        if (_configured.Length > 0)
        {
            return _configured.Contains(origin, StringComparer.OrdinalIgnoreCase);
        }

        return _urls.Contains(origin, StringComparer.OrdinalIgnoreCase) || _bound.Value.Contains(origin, StringComparer.OrdinalIgnoreCase);
    }

    private static string[] Origins(IEnumerable<string> addresses) =>
        [.. addresses.Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null).OfType<string>()];
}
