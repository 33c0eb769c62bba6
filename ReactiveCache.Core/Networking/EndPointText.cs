using System.Globalization;
using System.Net;

namespace ReactiveCache.Networking;

/// <summary>
/// An address as Redis's CLIENT LIST and memcached's <c>stats conns</c> print it: <c>ip:port</c>, IPv4 unmapped, and
/// <c>[ip]:port</c> for IPv6 (Redis's anetFormatAddr).
/// </summary>
internal static class EndPointText
{
    public static string Of(EndPoint? endPoint, string unknown = "?:0")
    {
        if (endPoint is not IPEndPoint ip)
        {
            return unknown;
        }

        var address = ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address;
        return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? string.Create(CultureInfo.InvariantCulture, $"[{address}]:{ip.Port}")
            : string.Create(CultureInfo.InvariantCulture, $"{address}:{ip.Port}");
    }
}
