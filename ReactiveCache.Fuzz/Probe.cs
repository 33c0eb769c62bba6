using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ReactiveCache.Fuzz;

/// <summary>
/// The liveness check after every case: a new connection to each port must be answered within the deadline
/// (native PING, RESP PING, memcached version), while the case's own connection is still open.
/// </summary>
internal static class Probe
{
    private static readonly Dictionary<Wire, (byte[] Request, string Answer)> s_probes = new()
    {
        [Wire.Native] = ("PING\r\n"u8.ToArray(), "PONG\r\n"),
        [Wire.Resp] = ("PING\r\n"u8.ToArray(), "+PONG\r\n"),
        [Wire.Memcached] = ("version\r\n"u8.ToArray(), "VERSION "),
    };

    /// <summary>Null when every port answered in time; otherwise what did not.</summary>
    public static async Task<string?> AllAnsweredAsync(ServerUnderTest server, TimeSpan deadline)
    {
        foreach (var wire in Enum.GetValues<Wire>())
        {
            if (await AnsweredAsync(server.Port(wire), s_probes[wire].Request, s_probes[wire].Answer, deadline) is { } failure)
            {
                return $"{wire} port {server.Port(wire)}: {failure}";
            }
        }

        return null;
    }

    /// <summary>Sends <paramref name="request"/> on a new connection; null when the reply contained <paramref name="answer"/> in time.</summary>
    public static async Task<string?> AnsweredAsync(int port, byte[] request, string answer, TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var received = new StringBuilder();
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), timeout.Token);
            await socket.SendAsync(request, SocketFlags.None, timeout.Token);
            var buffer = new byte[4096];
            while (!received.ToString().Contains(answer))
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
                if (read == 0)
                {
                    return $"closed after '{received}'";
                }

                received.Append(Encoding.Latin1.GetString(buffer, 0, read));
            }

            return null;
        }
        catch (OperationCanceledException)
        {
            return $"no answer within {deadline.TotalSeconds:0.#} s (got '{received}')";
        }
        catch (SocketException error)
        {
            return $"{error.SocketErrorCode} after '{received}'";
        }
    }
}
