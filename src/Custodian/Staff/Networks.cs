using System.Collections.Concurrent;
using System.Net;

namespace Custodian.Staff;

/// <summary>CIDR allow-lists (IPv4 and IPv6). An empty list allows every address.</summary>
internal static class Networks
{
    public const int MaxEntries = 50;
    private const int MaxCached = 4096;

    // Allow-lists are few and change rarely, but are checked on every request: each stored list is parsed once.
    private static readonly ConcurrentDictionary<string, IPNetwork[]> Parsed = new(StringComparer.Ordinal);

    public static bool TryParseList(IReadOnlyList<string> entries, out List<IPNetwork> networks, out string? bad)
    {
        networks = [];
        bad = null;
        foreach (var entry in entries)
        {
            if (!IPNetwork.TryParse(entry.Trim(), out var network))
            {
                // The index, not the text: the caller's input is not echoed back.
                bad = $"networks[{networks.Count}]";
                return false;
            }

            networks.Add(network);
        }

        return true;
    }

    public static IPNetwork[] Parse(string stored) =>
        stored.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(n => IPNetwork.TryParse(n, out var net) ? net : (IPNetwork?)null)
            .Where(n => n is not null).Select(n => n!.Value).ToArray();

    public static bool Allows(string stored, IPAddress? address)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return true;
        }

        if (address is null)
        {
            return false;
        }

        if (!Parsed.TryGetValue(stored, out var networks))
        {
            if (Parsed.Count >= MaxCached)
            {
                Parsed.Clear();
            }

            networks = Parsed.GetOrAdd(stored, Parse);
        }

        var normalized = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        foreach (var network in networks)
        {
            if (network.Contains(normalized))
            {
                return true;
            }
        }

        return false;
    }
}
