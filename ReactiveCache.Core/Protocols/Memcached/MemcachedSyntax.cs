using System.Buffers;
using System.Buffers.Text;

namespace ReactiveCache.Protocols.Memcached;

/// <summary>The small lexical rules the framer and the parser share: command names, numbers, keys.</summary>
internal static class MemcachedSyntax
{
    /// <summary>memcached's KEY_MAX_LENGTH.</summary>
    public const int MaxKeyLength = 250;

    /// <summary>The line as one span; copied only in the rare case that it straddles two buffer segments.</summary>
    public static ReadOnlySpan<byte> Contiguous(in ReadOnlySequence<byte> line) =>
        line.IsSingleSegment ? line.FirstSpan : line.ToArray();

    /// <summary>
    /// The length of the data block that follows this line, or -1 when none does: storage commands carry
    /// it as their fifth token (<c>set key flags exptime bytes</c>), <c>ms</c> as its third. A length that is
    /// not a number also gives -1; the parser then answers with the command line error.
    /// </summary>
    public static long DataLength(ReadOnlySpan<byte> line)
    {
        var tokens = new MemcachedTokenizer(line);
        var command = tokens.Next();
        var index = IsStorageCommand(command) ? 4 : command.SequenceEqual("ms"u8) ? 2 : 0;
        if (index == 0)
        {
            return -1;
        }

        for (var skip = 1; skip < index; skip++)
        {
            tokens.Next();
        }

        // As memcached: a length that would overflow with its CRLF is a bad command line, not a block.
        return TryParse(tokens.Next(), out long length) && length is >= 0 and <= int.MaxValue - 2 ? length : -1;
    }

    public static bool IsStorageCommand(ReadOnlySpan<byte> command) =>
        command.SequenceEqual("set"u8) || command.SequenceEqual("add"u8) || command.SequenceEqual("replace"u8)
        || command.SequenceEqual("append"u8) || command.SequenceEqual("prepend"u8) || command.SequenceEqual("cas"u8);

    /// <summary>1 to 250 bytes, none of them a control character, a space or DEL (spaces never reach here).</summary>
    public static bool IsValidKey(ReadOnlySpan<byte> key) => KeySyntax.IsValid(key, MaxKeyLength);

    public static bool TryParse(ReadOnlySpan<byte> token, out long value) =>
        Utf8Parser.TryParse(token, out value, out var used) && used == token.Length && token.Length > 0;

    public static bool TryParse(ReadOnlySpan<byte> token, out ulong value) =>
        Utf8Parser.TryParse(token, out value, out var used) && used == token.Length && token.Length > 0;

    public static bool TryParse(ReadOnlySpan<byte> token, out uint value) =>
        Utf8Parser.TryParse(token, out value, out var used) && used == token.Length && token.Length > 0;
}
