namespace ReactiveCache.Benchmarks;

/// <summary>Which native command every line of a benchmark's input holds.</summary>
public enum CommandMix
{
    /// <summary><c>GET key:N</c> for a key that is stored.</summary>
    GetHit,

    /// <summary><c>GET missing:N</c> for a key that is not stored.</summary>
    GetMiss,

    /// <summary><c>PUT key:N &lt;32-byte value&gt;</c>, overwriting a stored key.</summary>
    Put,
}
