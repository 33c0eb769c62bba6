using System.Buffers;
using System.Buffers.Text;
using System.Text;
using ReactiveCache.Commands.Memcached;

namespace ReactiveCache.Protocols.Memcached;

/// <summary>
/// The meta commands' syntax (protocol.txt, "Meta Commands"): <c>m? &lt;key&gt; [datalen] &lt;flag&gt;*</c>,
/// each flag a letter with an optional token glued on. The key is base64 when the <c>b</c> flag is given.
/// </summary>
internal static class MetaParser
{
    private static readonly MemcachedCommand s_noOp = new MemcachedCommand.Meta(new MetaRequest(MetaVerb.NoOp, [], null, []));

    public static MemcachedCommand Parse(byte verbLetter, ref MemcachedTokenizer tokens, byte[]? data)
    {
        if (!TryVerb(verbLetter, out var verb))
        {
            return new MemcachedCommand.Invalid(MemcachedErrors.UnknownCommand);
        }

        if (verb == MetaVerb.NoOp)
        {
            return s_noOp;
        }

        var key = tokens.Next();
        if (key.IsEmpty || (verb == MetaVerb.Set && data is null))
        {
            return new MemcachedCommand.Invalid(MemcachedErrors.BadCommandLine);
        }

        if (verb == MetaVerb.Set)
        {
            tokens.Next();
        }

        var flags = new List<MetaFlag>(tokens.Remaining());
        while (tokens.TryNext(out var token))
        {
            if (!char.IsAsciiLetter((char)token[0]))
            {
                return new MemcachedCommand.Invalid(MemcachedErrors.BadFlag);
            }

            flags.Add(new MetaFlag((char)token[0], Encoding.ASCII.GetString(token[1..])));
        }

        var request = new MetaRequest(verb, [], data, flags);
        return TryKey(key, request.Has('b'), out var keyBytes)
            ? new MemcachedCommand.Meta(request with { Key = keyBytes })
            : new MemcachedCommand.Invalid(MemcachedErrors.BadCommandLine);
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
