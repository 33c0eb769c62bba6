using System.Buffers;
using BenchmarkDotNet.Attributes;
using ReactiveCache.Framing;
using ReactiveCache.Protocols;
using ReactiveCache.Protocols.Native;

namespace ReactiveCache.Benchmarks;

/// <summary>
/// One read's worth of pipelined commands cut into lines by <see cref="LineFramer"/>, then parsed by
/// <see cref="NativeParser"/>. Times and allocations are per command.
/// </summary>
[MemoryDiagnoser]
public class FramingAndParsingBenchmarks
{
    private const int Lines = 1000;

    private readonly ICacheProtocol<ReadOnlySequence<byte>, Command, Reply> _protocol = new NativeProtocol(maxLineLength: 64 * 1024);
    private IFramer<ReadOnlySequence<byte>> _framer = null!;
    private ReadOnlySequence<byte> _input;

    [Params(CommandMix.GetHit, CommandMix.Put)]
    public CommandMix Commands { get; set; }

    /// <summary>Whether the input arrives in 4 KiB segments (a long pipe read) or as one.</summary>
    [Params(false, true)]
    public bool Segmented { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var bytes = NativeInput.Lines(Commands, Lines);
        _input = Segmented ? NativeInput.Segmented(bytes, segmentSize: 4096) : new ReadOnlySequence<byte>(bytes);
        _framer = _protocol.CreateFramer();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Lines)]
    public long Frame()
    {
        var buffer = _input;
        long bytes = 0;
        while (_framer.TryReadFrame(ref buffer, out var line))
        {
            bytes += line.Length;
        }

        return bytes;
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public int FrameAndParse()
    {
        var buffer = _input;
        var parsed = 0;
        while (_framer.TryReadFrame(ref buffer, out var line))
        {
            if (_protocol.CarriesCommand(line) && _protocol.Parse(line) is not Command.Invalid)
            {
                parsed++;
            }
        }

        return parsed;
    }
}
