using System.Buffers;
using System.Text;
using CsCheck;
using NUnit.Framework;
using ReactiveCache.Framing;
using ReactiveCache.Protocols.Resp;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Protocols.Resp;

/// <summary>
/// What must hold for any input, hostile or not: the framer terminates, breaks the stream only with a protocol
/// error or a query buffer overflow, allocates in proportion to what it was given, and frames the same whatever
/// the bytes' split into reads.
/// </summary>
public sealed class RespFramerProperties
{
    // Small limits, so the limit paths are reached by short inputs too.
    private static readonly RespLimits s_limits = new(MaxInlineLength: 256, MaxBulkLength: 512, MaxMultibulkLength: 64, QueryBufferLimit: 4096);

    private static readonly string[] s_pieces =
    [
        "*", "$", "\r\n", "\r", "\n", "\0", " ", "\"", "'", "\\", "\\x4", "\\x41", "0", "1", "3", "-1", "9223372036854775807",
        "2147483648", "64", "65", "PING", "SET", "k", "v", "*2\r\n$4\r\nECHO\r\n$1\r\na\r\n", "*1\r\n", "$3\r\n", "GET k\r\n",
    ];

    private static readonly Gen<byte[]> s_randomBytes = Gen.Byte.Array[0, 600];

    // Protocol-shaped noise: pieces of valid requests glued in any order, where random bytes would rarely parse.
    private static readonly Gen<byte[]> s_protocolish =
        Gen.Int[0, s_pieces.Length - 1].Select(i => s_pieces[i]).Array[0, 60].Select(pieces => Encoding.Latin1.GetBytes(string.Concat(pieces)));

    private static readonly Gen<byte[]> s_mutatedRequests =
        Gen.Select(Gen.Int[0, 1000], Gen.Byte, Gen.Int[0, 2]).Array[1, 8].Select(Mutate);

    private static readonly Gen<byte[]> s_inputs = Gen.OneOf(s_randomBytes, s_protocolish, s_mutatedRequests);

    [Test]
    public void Terminates_and_breaks_the_stream_only_with_a_protocol_error() =>
        s_inputs.Sample(input => Frame([input]), iter: 3000);

    [Test]
    public void Allocates_in_proportion_to_its_input() =>
        s_inputs.Sample(input =>
        {
            var allocated = FramerFeed.Run(new RespFramer(s_limits), [input], RespText.Describe).AllocatedBytes;

            // An argument costs its array (24 bytes and the data) plus a list while the inline splitter builds it;
            // the constant covers the first argument array of a multibulk request (1024 references).
            return allocated <= (64 * input.Length) + (16 * 1024);
        }, iter: 2000);

    [Test]
    public void Frames_the_same_however_the_input_is_split() =>
        Gen.Select(s_inputs, Gen.Int[1, 600].Array[0, 12]).Sample((input, cuts) =>
            Frame([input]) == Frame(Split(input, cuts)), iter: 2000);

    /// <summary>Frames through a connection's read loop; returns the frames and how the stream ended, as text.</summary>
    private static string Frame(IReadOnlyList<byte[]> reads) => Describe(FramerFeed.Run(new RespFramer(s_limits), reads, RespText.Describe));

    private static string Describe(FramerFeed.Outcome outcome) =>
        string.Concat(outcome.Frames.Select(frame => frame + "\n")) + (outcome.End.StartsWith("broken: ", StringComparison.Ordinal) ? "error: " + outcome.End["broken: ".Length..] : "");

    private static byte[][] Split(byte[] input, int[] cuts)
    {
        var points = cuts.Where(cut => cut < input.Length).Distinct().Order().ToArray();
        var starts = points.Prepend(0).ToArray();
        return [.. starts.Select((start, i) => input[start..(i + 1 < starts.Length ? starts[i + 1] : input.Length)])];
    }

    private static byte[] Mutate((int Position, byte Value, int Kind)[] mutations)
    {
        var request = new List<byte>(Encoding.ASCII.GetBytes("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nvalue\r\nPING\r\nSET \"a b\" 'c'\r\n*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\n"));
        foreach (var (position, value, kind) in mutations)
        {
            var at = position % (request.Count + 1);
            switch (kind)
            {
                case 0 when at < request.Count:
                    request[at] = value;
                    break;
                case 1:
                    request.Insert(at, value);
                    break;
                default:
                    if (at < request.Count)
                    {
                        request.RemoveAt(at);
                    }

                    break;
            }
        }

        return [.. request];
    }
}
