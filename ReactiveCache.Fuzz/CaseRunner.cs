using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ReactiveCache.Fuzz;

/// <summary>What one case did to the server: null <see cref="Finding"/> when every check passed.</summary>
internal sealed record CaseOutcome(FuzzCase Case, string? Finding, long BytesSent, long BytesReceived, bool WriteStalled);

/// <summary>
/// Runs one case: sends its bytes in writes of its chunk size, drains or ignores the replies, then — with the
/// case's connection still open — checks that every port still answers within the deadline, that the process is
/// alive, that its peak resident memory stayed under the bound and that it logged no bug. Then it closes the
/// connection (gracefully or with a reset) and empties the store for the next case.
/// </summary>
internal sealed class CaseRunner(ServerUnderTest server, FuzzOptions options)
{
    private static readonly TimeSpan s_quiet = TimeSpan.FromMilliseconds(30);
    private static readonly TimeSpan s_writeDeadline = TimeSpan.FromSeconds(10);

    public async Task<CaseOutcome> RunAsync(FuzzCase fuzzCase)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (fuzzCase.ReadMode == ReadMode.NoRead)
        {
            socket.ReceiveBufferSize = 4096;   // the server's replies back up sooner
        }

        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, server.Port(fuzzCase.Wire)));
        var reader = new ReplyDrain(socket, fuzzCase.ReadMode == ReadMode.Drain);
        var (sent, stalled) = await SendAsync(socket, fuzzCase);
        await reader.SettleAsync(s_quiet, TimeSpan.FromSeconds(1));

        var finding = await CheckAsync();
        Close(socket, abortive: fuzzCase.Index % 2 == 1);
        await reader.StopAsync();
        finding ??= await CleanUpAsync() ?? Errors();
        return new CaseOutcome(fuzzCase, finding, sent, reader.Received, stalled);
    }

    private static async Task<(long Sent, bool Stalled)> SendAsync(Socket socket, FuzzCase fuzzCase)
    {
        using var deadline = new CancellationTokenSource(s_writeDeadline);
        long sent = 0;
        try
        {
            for (var at = 0; at < fuzzCase.Payload.Length; at += fuzzCase.ChunkSize)
            {
                var chunk = fuzzCase.Payload.AsMemory(at, Math.Min(fuzzCase.ChunkSize, fuzzCase.Payload.Length - at));
                sent += await socket.SendAsync(chunk, SocketFlags.None, deadline.Token);
            }

            while (sent - fuzzCase.Payload.Length < fuzzCase.FloodBytes)
            {
                sent += await socket.SendAsync(Repeat(fuzzCase.FloodUnit), SocketFlags.None, deadline.Token);
            }

            return (sent, false);
        }
        catch (OperationCanceledException)
        {
            return (sent, true);   // the server stopped reading: back-pressure (a client that does not read), fine on its own
        }
        catch (SocketException)
        {
            return (sent, false);  // the server closed the connection: what it should do with a broken stream
        }
    }

    private async Task<string?> CheckAsync()
    {
        if (await Probe.AllAnsweredAsync(server, options.Deadline) is { } unanswered)
        {
            return $"hang: {unanswered}";
        }

        if (server.HasExited)
        {
            return $"crash: the server exited with {server.ExitCode}";
        }

        var peak = server.PeakResidentBytes;
        return peak > options.MaxResidentBytes
            ? $"memory: peak resident {peak / 1024 / 1024} MB over the bound of {options.MaxResidentBytes / 1024 / 1024} MB"
            : null;
    }

    // FLUSHALL through a new RESP connection: the next case starts from an empty store (and this is one more liveness check).
    private async Task<string?> CleanUpAsync() =>
        await Probe.AnsweredAsync(server.Port(Wire.Resp), "FLUSHALL\r\n"u8.ToArray(), "+OK\r\n", options.Deadline) is { } failure
            ? $"hang: FLUSHALL after the case: {failure}"
            : null;

    private string? Errors()
    {
        var errors = server.TakeErrors().ToList();
        return errors.Count == 0 ? null : $"error logged: {string.Join(" | ", errors)}";
    }

    private static void Close(Socket socket, bool abortive)
    {
        if (abortive)
        {
            socket.LingerState = new LingerOption(true, 0);   // RST instead of FIN
        }

        socket.Close();
    }

    private static byte[] Repeat(byte[] unit)
    {
        var times = Math.Max(1, 65536 / unit.Length);
        var block = new byte[unit.Length * times];
        for (var i = 0; i < times; i++)
        {
            unit.CopyTo(block, i * unit.Length);
        }

        return block;
    }

    /// <summary>Reads and discards the replies of a draining case, noting when the last bytes came.</summary>
    private sealed class ReplyDrain
    {
        private readonly Task _reading;
        private readonly CancellationTokenSource _stop = new();
        private readonly Stopwatch _sinceLastRead = Stopwatch.StartNew();
        private long _received;

        private readonly bool _drain;

        public ReplyDrain(Socket socket, bool drain)
        {
            _drain = drain;
            _reading = drain ? Task.Run(() => ReadAsync(socket)) : Task.CompletedTask;
        }

        public long Received => Interlocked.Read(ref _received);

        /// <summary>Waits until no reply came for <paramref name="quiet"/>, the server closed, or <paramref name="atMost"/> passed.</summary>
        public async Task SettleAsync(TimeSpan quiet, TimeSpan atMost)
        {
            if (!_drain)
            {
                await Task.Delay(quiet);
                return;
            }

            // Counted from the end of sending: the server may still be working on the last bytes.
            _sinceLastRead.Restart();
            var waited = Stopwatch.StartNew();
            while (!_reading.IsCompleted && waited.Elapsed < atMost && _sinceLastRead.Elapsed < quiet)
            {
                await Task.Delay(5);
            }
        }

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await _reading;
        }

        private async Task ReadAsync(Socket socket)
        {
            var buffer = new byte[65536];
            try
            {
                int read;
                while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token)) > 0)
                {
                    Interlocked.Add(ref _received, read);
                    _sinceLastRead.Restart();
                }
            }
            catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // the case is over, or the server reset the connection
            }
        }
    }
}
