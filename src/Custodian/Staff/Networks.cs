using System.Net;

namespace Custodian.Staff;

/// <summary>CIDR allow-lists (IPv4 and IPv6). An empty list allows every address.</summary>
internal static class Networks
{
    public const int MaxEntries = 50;

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

        var normalized = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return Parse(stored).Any(n => n.Contains(normalized));
    }
}
