using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace ReactiveCache.Protocols.Memcached;

/// <summary>
/// The meta commands' syntax (protocol.txt, "Meta Commands"): <c>m? &lt;key&gt; [datalen] &lt;flag&gt;*</c>,
/// each flag a letter with an optional token glued on. The key is base64 when the <c>b</c> flag is given.
/// </summary>
internal static class MetaParser
{
    private static readonly MemcachedCommand s_noOp = new MemcachedCommand.Meta(new MetaRequest(MetaVerb.NoOp, [], null, []));

    /// <summary>memcached's MFLAG_MAX_OPT_LENGTH: at most this many tokens, command and key included, plus one.</summary>
    public const int MaxTokens = 20;

    /// <summary>memcached's MFLAG_MAX_OPAQUE_LENGTH: the longest <c>O</c> token, its letter included.</summary>
    public const int MaxOpaqueLength = 32;

    private static readonly MemcachedCommand s_unknown = new MemcachedCommand.Invalid(MemcachedErrors.UnknownCommand);
    private static readonly MemcachedCommand s_badLine = new MemcachedCommand.Invalid(MemcachedErrors.BadCommandLine);

    public static MemcachedCommand Parse(byte verbLetter, ref MemcachedTokenizer tokens, byte[]? data)
    {
        if (!TryVerb(verbLetter, out var verb))
        {
            return s_unknown;
        }

        if (verb == MetaVerb.NoOp)
        {
            return s_noOp;
        }

        // The checks in process_mget_command's order: a key at all (WANT_TOKENS_MIN), its length, the token
        // count, then each flag once (_meta_flag_preparse). Flags are bounded before anything is allocated for them.
        var key = tokens.Next();
        if (key.IsEmpty)
        {
            return s_unknown;
        }

        if (key.Length > MemcachedSyntax.MaxKeyLength || (verb == MetaVerb.Set && data is null))
        {
            return s_badLine;
        }

        if (verb == MetaVerb.Set)
        {
            tokens.Next();
        }

        var flagCount = tokens.Remaining();
        if (flagCount + (verb == MetaVerb.Set ? 4 : 3) > MaxTokens)
        {
            return new MemcachedCommand.Invalid(MemcachedErrors.TooManyFlags);
        }

        var flags = new List<MetaFlag>(flagCount);
        Span<bool> seen = stackalloc bool[128];
        while (tokens.TryNext(out var token))
        {
            if (FlagError(token, seen) is { } error)
            {
                return new MemcachedCommand.Invalid(error);
            }

            flags.Add(new MetaFlag((char)token[0], Encoding.ASCII.GetString(token[1..])));
        }

        var request = new MetaRequest(verb, [], data, flags);
        if (!TryKey(key, request.Has('b'), out var keyBytes))
        {
            return request.Has('b') ? new MemcachedCommand.Invalid(MemcachedErrors.KeyDecodingError) : s_badLine;
        }

        return new MemcachedCommand.Meta(request with { Key = keyBytes });
    }

    private static string? FlagError(ReadOnlySpan<byte> token, Span<bool> seen)
    {
        var letter = token[0];
        if (letter >= 127 || seen[letter])
        {
            return MemcachedErrors.DuplicateFlag;
        }

        seen[letter] = true;
        if (!char.IsAsciiLetter((char)letter))
        {
            return MemcachedErrors.BadFlag;
        }

        return letter == (byte)'O' && token.Length > MaxOpaqueLength ? MemcachedErrors.OpaqueTooLong : null;
    }

    private static bool TryVerb(byte letter, out MetaVerb verb)
    {
        verb = letter switch
        {
            (byte)'g' => MetaVerb.Get,
            (byte)'s' => MetaVerb.Set,
            (byte)'d' => MetaVerb.Delete,
            (byte)'a' => MetaVerb.Arithmetic,
            (byte)'n' => MetaVerb.NoOp,
            (byte)'e' => MetaVerb.Debug,
            _ => (MetaVerb)(-1),
        };
        return Enum.IsDefined(verb);
    }

    private static bool TryKey(ReadOnlySpan<byte> token, bool base64, out byte[] key)
    {
        key = [];
        if (!base64)
        {
            key = token.ToArray();
            return MemcachedSyntax.IsValidKey(token);
        }

        var decoded = new byte[Base64.GetMaxDecodedFromUtf8Length(token.Length)];
        if (Base64.DecodeFromUtf8(token, decoded, out _, out var written) != OperationStatus.Done || written == 0 || written > MemcachedSyntax.MaxKeyLength)
        {
            return false;
        }

        key = decoded[..written];
        return true;
    }
}
