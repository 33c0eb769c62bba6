namespace ReactiveCache.Protocols.Native;

/// <summary>
/// What a client asked for, independent of how it was spelled on the wire. The native protocol parses
/// into these; keys and values are bytes, as the store keeps them.
/// </summary>
internal abstract record Command
{
    public sealed record Put(byte[] Key, byte[] Value) : Command;

    public sealed record Get(byte[] Key) : Command;

    public sealed record Delete(byte[] Key) : Command;

    public sealed record Expire(byte[] Key, long Seconds) : Command;

    public sealed record TimeToLive(byte[] Key) : Command;

    public sealed record Persist(byte[] Key) : Command;

    public sealed record ListKeys(byte[] Glob) : Command;

    public sealed record Watch(byte[] Glob, long? FromSequence) : Command;

    public sealed record Unwatch : Command;

    public sealed record Ping : Command;

    public sealed record Stats : Command;

    public sealed record Help : Command;

    public sealed record Quit : Command;

    /// <summary>AUTH &lt;password&gt;: the password is the rest of the line, spaces included.</summary>
    public sealed record Auth(byte[] Password) : Command;

    /// <summary>A line that could not be understood; executing it yields the error, and the session goes on.</summary>
    public sealed record Invalid(string Error) : Command;
}
