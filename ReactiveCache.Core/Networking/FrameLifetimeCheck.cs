#if DEBUG
using System.Buffers;
using System.Runtime.InteropServices;
using ReactiveCache.Framing;

namespace ReactiveCache.Networking;

/// <summary>
/// Debug builds only: enforces that a frame from <see cref="Connection.ReceivedFrames{TFrame}"/> is used only during
/// its <c>OnNext</c>. The framer is handed a view of the read buffer whose memory answers only while its frame is being
/// delivered; once <c>OnNext</c> returns, any read of that frame's bytes (an <c>ObserveOn</c>, a <c>Buffer</c>, a
/// <c>Delay</c>, a list a subscriber kept) throws <see cref="InvalidOperationException"/> instead of reading a buffer
/// the pipe has already taken back. The view wraps the pipe's own segments one to one (no copy), so framers meet the
/// same segment boundaries as in Release, where this class does not exist and the loop frames the pipe's buffer itself.
/// </summary>
internal sealed class FrameLifetimeCheck<TFrame>(IFramer<TFrame> framer, IObserver<TFrame> observer) : IFramer<TFrame>, IObserver<TFrame>
{
    internal const string UsedAfterOnNext =
        "A frame from Connection.ReceivedFrames was read after its OnNext returned; its bytes belong to the pipe again. "
        + "Copy or parse what you need inside OnNext, before ObserveOn, Buffer, Delay or anything else that defers delivery.";

    private Lease? _current;

    public long HeldBytes => framer.HeldBytes;

    public bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out TFrame frame)
    {
        var lease = new Lease();
        var view = lease.View(buffer);
        var rest = view;
        bool complete;
        try
        {
            complete = framer.TryReadFrame(ref rest, out frame);
        }
        finally
        {
            // A framer takes bytes off the front only, and may take some without completing a frame (memcached
            // swallowing an oversized block): what it left is the same tail of the pipe's own buffer.
            buffer = buffer.Slice(buffer.Length - rest.Length);
        }

        if (complete)
        {
            _current = lease;
        }
        else
        {
            lease.End();
        }

        return complete;
    }

    public void OnNext(TFrame value)
    {
        try
        {
            observer.OnNext(value);
        }
        finally
        {
            _current?.End();
            _current = null;
        }
    }

    public void OnError(Exception error) => observer.OnError(error);

    public void OnCompleted() => observer.OnCompleted();

    /// <summary>The memory of one frame's view of the buffer, valid until <see cref="End"/>.</summary>
    private sealed class Lease
    {
        private bool _ended;

        public void End() => _ended = true;

        public ReadOnlySequence<byte> View(ReadOnlySequence<byte> buffer)
        {
            if (buffer.IsEmpty)
            {
                return buffer;
            }

            Segment? first = null;
            Segment? last = null;
            foreach (var memory in buffer)
            {
                var segment = new Segment(new LeasedMemory(memory, this).Memory, last is null ? 0 : last.RunningIndex + last.Memory.Length);
                first ??= segment;
                last?.Link(segment);
                last = segment;
            }

            return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
        }

        public void Check()
        {
            if (_ended)
            {
                throw new InvalidOperationException(UsedAfterOnNext);
            }
        }
    }

    private sealed class LeasedMemory(ReadOnlyMemory<byte> memory, Lease lease) : MemoryManager<byte>
    {
        public override Span<byte> GetSpan()
        {
            lease.Check();

            // The pipe's memory is writable by its owner; the view only ever hands it out as read-only.
            return MemoryMarshal.AsMemory(memory).Span;
        }

        public override MemoryHandle Pin(int elementIndex = 0)
        {
            lease.Check();
            return MemoryMarshal.AsMemory(memory)[elementIndex..].Pin();
        }

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing)
        {
        }
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public void Link(Segment next) => Next = next;
    }
}
#endif
