namespace ReactiveCache.Protocols.Native;

/// <summary>
/// What the server answers (or pushes), independent of how it is spelled on the wire.
/// </summary>
internal abstract record Reply
{
    public static readonly Reply Ok = new Status("OK");
    public static readonly Reply Pong = new Status("PONG");
    public static readonly Reply Bye = new Status("BYE");
    public static readonly Reply Deleted = new Status("DELETED");
    public static readonly Reply NotFound = new Status("NOT_FOUND");

    /// <summary>A fixed word: OK, PONG, DELETED, NOT_FOUND, BYE.</summary>
    public sealed record Status(string Word) : Reply;

    public sealed record Value(byte[] Bytes) : Reply;

    /// <summary>Remaining whole seconds, or -1 for a key without expiry.</summary>
    public sealed record Ttl(long Seconds) : Reply;

    public sealed record KeyList(IReadOnlyList<byte[]> Keys) : Reply;

    public sealed record StatList(IReadOnlyList<KeyValuePair<string, string>> Stats) : Reply;

    public sealed record HelpText(IReadOnlyList<string> Lines) : Reply;

    public sealed record Watching(byte[] Glob, long Sequence) : Reply;

    /// <summary>
    /// Pushed: one change of a watched key, as its line carries it (<c>Commands/Native/NativeChangeLine.cs</c> says what
    /// goes in): the word naming what it did, the expiry it set, then the fields or the string value (Data).
    /// </summary>
    public sealed record Changed(
        long Sequence, string Word, byte[] Key, long? ExpiresAtMs, IReadOnlyList<KeyValuePair<byte[], byte[]?>>? Fields, byte[]? Data)
        : Reply;

    /// <summary>Pushed: changes that were asked for but are no longer in the replay buffer.</summary>
    public sealed record Gap(long From, long To) : Reply;

    public sealed record Error(string Message) : Reply;
}
