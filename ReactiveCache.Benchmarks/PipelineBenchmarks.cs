using System.Buffers;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Runtime.ExceptionServices;
using BenchmarkDotNet.Attributes;
using ReactiveCache.Commands.Native;
using ReactiveCache.Commands;
using ReactiveCache.Framing;
using ReactiveCache.Pipelines;
using ReactiveCache.Protocols;
using ReactiveCache.Protocols.Native;

namespace ReactiveCache.Benchmarks;

/// <summary>
/// A connection's work per command without the socket: frame, parse, execute against the store, encode
/// the reply into a reused buffer. <see cref="Direct"/> calls each step in a loop; <see cref="Rx"/> runs
/// the same steps through the production stages (<c>ToCommands</c>, <c>ExecuteAgainst</c>), so the
/// difference is what Rx costs per command. Times and allocations are per command.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private const int Lines = 1000;

    private readonly ICacheProtocol<ReadOnlySequence<byte>, Command, Reply> _protocol = new NativeProtocol(maxLineLength: 64 * 1024);
    private readonly ArrayBufferWriter<byte> _output = new(initialCapacity: 256 * 1024);
    private IFramer<ReadOnlySequence<byte>> _framer = null!;
    private CacheStore _store = null!;
    private NativeSession _session = null!;
    private byte[] _input = [];
    private Command[] _commands = [];
    private IObservable<Reply> _replies = null!;

    [Params(CommandMix.GetHit, CommandMix.GetMiss, CommandMix.Put)]
    public CommandMix Commands { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _store = new CacheStore();
        NativeInput.Preload(_store);
        _session = new NativeSession(_store, new ServerStatistics(_store.Scheduler.Now), new ServerAccess());
        _framer = _protocol.CreateFramer();
        _input = NativeInput.Lines(Commands, Lines);
        _commands = ParseAll();
        _replies = Observable.Create<ReadOnlySequence<byte>>(EmitFrames)
            .ToCommands(_protocol)
            .ExecuteAgainst(_session);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _session.Dispose();
        _store.Dispose();
    }

    /// <summary>Execute and encode only, from commands parsed beforehand: the store's and encoder's share.</summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public int ExecuteAndEncode()
    {
        _output.ResetWrittenCount();
        foreach (var command in _commands)
        {
            _protocol.Encode(_session.Execute(command), _output);
        }

        return _output.WrittenCount;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Lines)]
    public int Direct()
    {
        _output.ResetWrittenCount();
        var buffer = new ReadOnlySequence<byte>(_input);
        while (_framer.TryReadFrame(ref buffer, out var line))
        {
            if (_protocol.CarriesCommand(line))
            {
                _protocol.Encode(_session.Execute(_protocol.Parse(line)), _output);
            }
        }

        return _output.WrittenCount;
    }

    /// <summary>One subscription per 1000 commands, as a connection subscribes once and then streams.</summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public int Rx()
    {
        _output.ResetWrittenCount();
        using (_replies.Subscribe(onNext: EncodeReply, onError: static error => ExceptionDispatchInfo.Throw(error)))
        {
            return _output.WrittenCount;
        }
    }

    // Plays the connection's read loop: one read's frames emitted synchronously, then the end of the stream.
    private IDisposable EmitFrames(IObserver<ReadOnlySequence<byte>> observer)
    {
        var buffer = new ReadOnlySequence<byte>(_input);
        while (_framer.TryReadFrame(ref buffer, out var line))
        {
            observer.OnNext(line);
        }

        observer.OnCompleted();
        return Disposable.Empty;
    }

    private void EncodeReply(Reply reply) => _protocol.Encode(reply, _output);

    private Command[] ParseAll()
    {
        var commands = new List<Command>(Lines);
        var buffer = new ReadOnlySequence<byte>(_input);
        while (_framer.TryReadFrame(ref buffer, out var line))
        {
            commands.Add(_protocol.Parse(line));
        }

        return [.. commands];
    }
}
