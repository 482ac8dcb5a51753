using System.Net;
using System.Net.Sockets;

namespace Custodian.PrivacyCentre;

/// <summary>Keeps only the network of an address (IPv4 /24, IPv6 /48), which no longer points at one visitor.</summary>
internal static class AnonymizedAddress
{
    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return "";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        var keep = address.AddressFamily == AddressFamily.InterNetwork ? 3 : 6;
        Array.Clear(bytes, keep, bytes.Length - keep);
        return $"{new IPAddress(bytes)}/{keep * 8}";
    }
}
