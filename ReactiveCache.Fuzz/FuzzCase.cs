using System.Text;

namespace ReactiveCache.Fuzz;

/// <summary>What kind of input a case sends.</summary>
internal enum CaseKind
{
    /// <summary>Uniformly random bytes, NUL included.</summary>
    RandomBytes,

    /// <summary>Valid commands with bits flipped, bytes cut, repeated, spliced or replaced by NUL.</summary>
    Mutation,

    /// <summary>Valid commands with boundary arguments: huge, negative and overflowing numbers, lengths, glob patterns.</summary>
    Boundary,

    /// <summary>A request that never ends: a head, then one unit repeated until the flood size or until the server closes.</summary>
    Flood,
}

/// <summary>How the client treats the server's replies while a case runs.</summary>
internal enum ReadMode
{
    /// <summary>Reads everything as it comes.</summary>
    Drain,

    /// <summary>Never reads: the server's output buffer fills up and its writes wait.</summary>
    NoRead,
}

/// <summary>
/// One fuzz case: the bytes sent to one protocol's port, in writes of <see cref="ChunkSize"/> bytes, while the
/// replies are drained or ignored. Case <see cref="Index"/> of seed <see cref="Seed"/> is always the same case.
/// </summary>
internal sealed record FuzzCase(int Seed, int Index, Wire Wire, CaseKind Kind, string Recipe, byte[] Payload, int ChunkSize, ReadMode ReadMode)
{
    /// <summary>For a flood: the bytes repeated after <see cref="Payload"/>.</summary>
    public byte[] FloodUnit { get; init; } = [];

    /// <summary>For a flood: how many bytes of <see cref="FloodUnit"/> to send at most.</summary>
    public long FloodBytes { get; init; }

    /// <summary>The payload as a C#-style escaped string, short enough to paste into a spec or a shell printf.</summary>
    public string Escaped(int limit = 4096)
    {
        var text = new StringBuilder();
        foreach (var b in Payload.Take(limit))
        {
            text.Append(b switch
            {
                (byte)'\r' => "\\r",
                (byte)'\n' => "\\n",
                (byte)'\\' => "\\\\",
                (byte)'"' => "\\\"",
                >= 0x20 and < 0x7f => ((char)b).ToString(),
                _ => $"\\x{b:x2}",
            });
        }

        var head = Payload.Length > limit ? $"{text}... ({Payload.Length} bytes in all)" : text.ToString();
        return FloodBytes > 0 ? $"{head}, then \"{Encoding.Latin1.GetString(FloodUnit.Take(32).ToArray()).ReplaceLineEndings("\\r\\n")}\" ({FloodUnit.Length} bytes) repeated up to {FloodBytes} bytes" : head;
    }

    public override string ToString() =>
        $"case {Index} of seed {Seed}: {Wire} {Kind} ({Recipe}), {Payload.Length + FloodBytes} bytes in writes of {ChunkSize}, {ReadMode}";
}
