using System.Buffers;

namespace ReactiveCache.Specs.Support;

/// <summary>
/// Hands out blocks of exactly the size asked for, so a pipe that asks for one chunk's size keeps each chunk a
/// segment of its own (a pool's usual 4 KB blocks would join the small chunks of specs into one segment).
/// </summary>
internal sealed class ChunkSizedPool : MemoryPool<byte>
{
    public static readonly ChunkSizedPool Instance = new();

    public override int MaxBufferSize => int.MaxValue;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1) => new Block(new byte[Math.Max(minBufferSize, 1)]);

    protected override void Dispose(bool disposing)
    {
    }

    private sealed class Block(byte[] bytes) : IMemoryOwner<byte>
    {
        public Memory<byte> Memory => bytes;

        public void Dispose()
        {
        }
    }
}
