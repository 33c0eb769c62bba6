using System.Net;
using System.Net.Sockets;

namespace ReactiveCache.Specs.Support;

/// <summary>
/// A loopback port nothing listens on right now, for programs that cannot bind port 0 and say which port they got
/// (nutcracker, a console server given a fixed port). Another process could take it meanwhile; the window is small.
/// </summary>
internal static class FreePort
{
    public static int Next()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
