namespace Custodian.Server.Host;

/// <summary>
/// The origins browsers reach this server at: <c>Host:PublicOrigins</c>, else the addresses of <c>Urls</c>.
/// Checks of a request's Origin compare with these, never with its Host header, which the sender chooses.
/// </summary>
internal sealed class OwnOrigins(IConfiguration configuration)
{
    private readonly string[] _origins = Read(configuration);

    public bool Contains(string? origin) =>
        origin is { Length: > 0 } && _origins.Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase);

    private static string[] Read(IConfiguration configuration)
    {
        var configured = configuration.GetSection("Host:PublicOrigins").Get<string[]>() ?? [];
        var listed = configured.Length > 0 ? configured : (configuration["Urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return [.. listed
            .Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null)
            .OfType<string>()];
    }
}
