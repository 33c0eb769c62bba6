namespace ReactiveCache.Protocols.Memcached;

/// <summary>
/// Turns a framed request into a <see cref="MemcachedCommand"/>, following memcached 1.6's
/// proto_text.c: what it rejects, and with which words. Anything it cannot understand becomes
/// <see cref="MemcachedCommand.Invalid"/>, so the session answers and goes on.
/// </summary>
internal static class MemcachedParser
{
    private static readonly MemcachedCommand s_unknown = new MemcachedCommand.Invalid(MemcachedErrors.UnknownCommand);
    private static readonly MemcachedCommand s_badLine = new MemcachedCommand.Invalid(MemcachedErrors.BadCommandLine);

    public static MemcachedCommand Parse(MemcachedFrame frame)
    {
        if (frame.Error is { } error)
        {
            return error == MemcachedErrors.TooLarge ? TooLarge(frame) : new MemcachedCommand.Invalid(error);
        }

        var tokens = new MemcachedTokenizer(MemcachedSyntax.Contiguous(frame.Line));
        var name = tokens.Next();
        return name switch
        {
            _ when name.SequenceEqual("get"u8) => Retrieve(ref tokens, withCas: false, touch: false),
            _ when name.SequenceEqual("gets"u8) => Retrieve(ref tokens, withCas: true, touch: false),
            _ when name.SequenceEqual("set"u8) => Store(ref tokens, StoreMode.Set, frame.Data),
            _ when name.SequenceEqual("add"u8) => Store(ref tokens, StoreMode.Add, frame.Data),
            _ when name.SequenceEqual("replace"u8) => Store(ref tokens, StoreMode.Replace, frame.Data),
            _ when name.SequenceEqual("append"u8) => Store(ref tokens, StoreMode.Append, frame.Data),
            _ when name.SequenceEqual("prepend"u8) => Store(ref tokens, StoreMode.Prepend, frame.Data),
            _ when name.SequenceEqual("cas"u8) => Store(ref tokens, StoreMode.Cas, frame.Data),
            _ when name.SequenceEqual("gat"u8) => Retrieve(ref tokens, withCas: false, touch: true),
            _ when name.SequenceEqual("gats"u8) => Retrieve(ref tokens, withCas: true, touch: true),
            _ when name.SequenceEqual("delete"u8) => Delete(ref tokens),
            _ when name.SequenceEqual("incr"u8) => Arithmetic(ref tokens, increment: true),
            _ when name.SequenceEqual("decr"u8) => Arithmetic(ref tokens, increment: false),
            _ when name.SequenceEqual("touch"u8) => Touch(ref tokens),
            _ when name.Length == 2 && name[0] == (byte)'m' => MetaParser.Parse(name[1], ref tokens, frame.Data),
            _ when name.SequenceEqual("flush_all"u8) => FlushAll(ref tokens),
            _ when name.SequenceEqual("version"u8) => MemcachedCommand.VersionRequest,
            _ when name.SequenceEqual("verbosity"u8) => Verbosity(ref tokens),
            _ when name.SequenceEqual("quit"u8) => MemcachedCommand.QuitRequest,
            _ when name.SequenceEqual("stats"u8) => Stats(ref tokens),
            _ when name.SequenceEqual("lru_crawler"u8) => LruCrawler(ref tokens),
            _ => s_unknown,
        };
    }

    // Only "set" and a plain-key "ms" drop the old value, as in memcached; add, replace, append and
    // prepend leave it alone.
    private static MemcachedCommand TooLarge(MemcachedFrame frame)
    {
        var line = MemcachedSyntax.Contiguous(frame.Line);
        var tokens = new MemcachedTokenizer(line);
        var name = tokens.Next();
        var key = tokens.Next();
        var dropsOldValue = name.SequenceEqual("set"u8) || (name.SequenceEqual("ms"u8) && !HasFlag(tokens, (byte)'b'));
        return dropsOldValue && MemcachedSyntax.IsValidKey(key)
            ? new MemcachedCommand.TooLarge(key.ToArray())
            : new MemcachedCommand.Invalid(MemcachedErrors.TooLarge);
    }

    private static bool HasFlag(MemcachedTokenizer tokens, byte flag)
    {
        while (tokens.TryNext(out var token))
        {
            if (token.Length == 1 && token[0] == flag)
            {
                return true;
            }
        }

        return false;
    }

    private static MemcachedCommand Retrieve(ref MemcachedTokenizer tokens, bool withCas, bool touch)
    {
        long? exptime = null;
        if (touch)
        {
            if (!tokens.TryNext(out var first))
            {
                return s_unknown;
            }

            if (!MemcachedSyntax.TryParse(first, out long seconds))
            {
                return new MemcachedCommand.Invalid(MemcachedErrors.InvalidExptime);
            }

            exptime = seconds;
        }

        var keys = new List<byte[]>(1);
        while (tokens.TryNext(out var key))
        {
            if (!MemcachedSyntax.IsValidKey(key))
            {
                return s_badLine;
            }

            keys.Add(key.ToArray());
        }

        return keys.Count == 0 ? s_unknown : new MemcachedCommand.Retrieve(keys, withCas, exptime);
    }

    private static MemcachedCommand Store(ref MemcachedTokenizer tokens, StoreMode mode, byte[]? data)
    {
        var key = tokens.Next();
        var flagsToken = tokens.Next();
        var exptimeToken = tokens.Next();
        tokens.Next();
        ulong casUnique = 0;
        if (data is null
            || !MemcachedSyntax.IsValidKey(key)
            || !MemcachedSyntax.TryParse(flagsToken, out uint flags)
            || !MemcachedSyntax.TryParse(exptimeToken, out long exptime)
            || (mode == StoreMode.Cas && !MemcachedSyntax.TryParse(tokens.Next(), out casUnique)))
        {
            return s_badLine;
        }

        return new MemcachedCommand.Store(mode, key.ToArray(), flags, exptime, data, casUnique, IsNoReply(ref tokens));
    }

    private static MemcachedCommand Delete(ref MemcachedTokenizer tokens)
    {
        var key = tokens.Next();
        if (!MemcachedSyntax.IsValidKey(key))
        {
            return key.IsEmpty ? s_unknown : s_badLine;
        }

        // memcached accepts a legacy hold time only when it is 0: "delete <key> [0] [noreply]".
        var noReply = false;
        var next = tokens.Next();
        if (next.SequenceEqual("0"u8))
        {
            next = tokens.Next();
        }

        if (next.SequenceEqual("noreply"u8))
        {
            noReply = true;
            next = tokens.Next();
        }

        return next.IsEmpty ? new MemcachedCommand.Delete(key.ToArray(), noReply) : new MemcachedCommand.Invalid(MemcachedErrors.DeleteUsage);
    }

    private static MemcachedCommand Arithmetic(ref MemcachedTokenizer tokens, bool increment)
    {
        if (KeyThenNumber(ref tokens, out var key, out var deltaToken) is { } refused)
        {
            return refused;
        }

        return MemcachedSyntax.TryParse(deltaToken, out ulong delta)
            ? new MemcachedCommand.Arithmetic(key.ToArray(), delta, increment, IsNoReply(ref tokens))
            : new MemcachedCommand.Invalid(MemcachedErrors.InvalidDelta);
    }

    private static MemcachedCommand Touch(ref MemcachedTokenizer tokens)
    {
        if (KeyThenNumber(ref tokens, out var key, out var exptimeToken) is { } refused)
        {
            return refused;
        }

        return MemcachedSyntax.TryParse(exptimeToken, out long exptime)
            ? new MemcachedCommand.Touch(key.ToArray(), exptime, IsNoReply(ref tokens))
            : new MemcachedCommand.Invalid(MemcachedErrors.InvalidExptime);
    }

    // incr, decr and touch: <key> <number> [noreply]. As memcached checks them: a missing number is an unknown
    // command (ERROR), then a bad key is a bad command line; null when both are there, to parse the number.
    private static MemcachedCommand? KeyThenNumber(ref MemcachedTokenizer tokens, out ReadOnlySpan<byte> key, out ReadOnlySpan<byte> number)
    {
        key = tokens.Next();
        number = tokens.Next();
        if (number.IsEmpty)
        {
            return s_unknown;
        }

        return MemcachedSyntax.IsValidKey(key) ? null : s_badLine;
    }

    private static MemcachedCommand FlushAll(ref MemcachedTokenizer tokens)
    {
        var first = tokens.Next();
        if (first.IsEmpty || first.SequenceEqual("noreply"u8))
        {
            return new MemcachedCommand.FlushAll(0, !first.IsEmpty);
        }

        return MemcachedSyntax.TryParse(first, out long delay)
            ? new MemcachedCommand.FlushAll(delay, IsNoReply(ref tokens))
            : new MemcachedCommand.Invalid(MemcachedErrors.InvalidExptime);
    }

    // As memcached: one or two arguments, the first a level (a number), and "noreply" as the last one silences
    // the answer, the error included.
    private static MemcachedCommand Verbosity(ref MemcachedTokenizer tokens)
    {
        var count = tokens.Remaining();
        if (count is < 1 or > 2)
        {
            return s_unknown;
        }

        var level = tokens.Next();
        var noReply = (count == 2 ? tokens.Next() : level).SequenceEqual("noreply"u8);
        return MemcachedSyntax.TryParse(level, out ulong _) || noReply
            ? new MemcachedCommand.Verbosity(noReply)
            : s_badLine;
    }

    private static MemcachedCommand Stats(ref MemcachedTokenizer tokens)
    {
        var group = tokens.Next();
        if (group.IsEmpty)
        {
            return new MemcachedCommand.Stats(null);
        }

        // Bounded whatever the line holds: a line of ten thousand arguments costs two strings.
        var arguments = new List<string>(2);
        while (arguments.Count < 2 && tokens.TryNext(out var argument))
        {
            arguments.Add(Ascii(argument));
        }

        return new MemcachedCommand.Stats(Ascii(group), arguments);
    }

    private static MemcachedCommand LruCrawler(ref MemcachedTokenizer tokens)
    {
        var subcommand = tokens.Next();
        var argument = tokens.Next();
        return new MemcachedCommand.LruCrawler(subcommand.IsEmpty ? null : Ascii(subcommand), argument.IsEmpty ? null : Ascii(argument));
    }

    private static string Ascii(ReadOnlySpan<byte> token) => System.Text.Encoding.ASCII.GetString(token);

    private static bool IsNoReply(ref MemcachedTokenizer tokens) => tokens.Next().SequenceEqual("noreply"u8);
}
