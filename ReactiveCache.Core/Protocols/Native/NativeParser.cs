using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Unicode;

namespace ReactiveCache.Protocols.Native;

/// <summary>
/// Turns one line into a <see cref="Command"/>. Names are case-insensitive; tokens are separated by
/// spaces; for PUT the value is the rest of the line after the key and one space. Anything wrong gives
/// <see cref="Command.Invalid"/>, never an exception: a bad command never ends the session.
/// </summary>
internal static class NativeParser
{
    private static readonly Command s_unwatch = new Command.Unwatch();
    private static readonly Command s_ping = new Command.Ping();
    private static readonly Command s_stats = new Command.Stats();
    private static readonly Command s_help = new Command.Help();
    private static readonly Command s_quit = new Command.Quit();

    public static bool IsBlank(ReadOnlySequence<byte> line) => line.IsEmpty;

    public static Command Parse(ReadOnlySequence<byte> line)
    {
        var text = line.IsSingleSegment ? line.FirstSpan : line.ToArray();
        if (!Utf8.IsValid(text))
        {
            return new Command.Invalid(NativeErrors.InvalidUtf8);
        }

        var name = NextToken(ref text);
        return name switch
        {
            _ when Is(name, "GET"u8) => ParseKeyOnly(text, "GET", static key => new Command.Get(key)),
            _ when Is(name, "PUT"u8) => ParsePut(text),
            _ when Is(name, "DEL"u8) => ParseKeyOnly(text, "DEL", static key => new Command.Delete(key)),
            _ when Is(name, "EXPIRE"u8) => ParseExpire(text),
            _ when Is(name, "TTL"u8) => ParseKeyOnly(text, "TTL", static key => new Command.TimeToLive(key)),
            _ when Is(name, "PERSIST"u8) => ParseKeyOnly(text, "PERSIST", static key => new Command.Persist(key)),
            _ when Is(name, "KEYS"u8) => ParseKeys(text),
            _ when Is(name, "WATCH"u8) => ParseWatch(text),
            _ when Is(name, "UNWATCH"u8) => ParseBare(text, "UNWATCH", s_unwatch),
            _ when Is(name, "PING"u8) => ParseBare(text, "PING", s_ping),
            _ when Is(name, "STATS"u8) => ParseBare(text, "STATS", s_stats),
            _ when Is(name, "HELP"u8) => ParseBare(text, "HELP", s_help),
            _ when Is(name, "QUIT"u8) => ParseBare(text, "QUIT", s_quit),
            _ when Is(name, "AUTH"u8) => ParseAuth(text),
            _ => new Command.Invalid($"{NativeErrors.UnknownCommand} '{Shorten(name)}'"),
        };
    }

    // "PUT k " (key, one space, nothing) stores an empty value; "PUT k" has no value at all.
    private static Command ParsePut(ReadOnlySpan<byte> rest)
    {
        rest = rest.TrimStart((byte)' ');
        var keyEnd = rest.IndexOf((byte)' ');
        if (keyEnd <= 0)
        {
            return WrongArguments("PUT");
        }

        var key = rest[..keyEnd];
        return IsValidKey(key) ? new Command.Put(key.ToArray(), rest[(keyEnd + 1)..].ToArray()) : new Command.Invalid(NativeErrors.InvalidKey);
    }

    // As PUT's value, the password is everything after one space, so it may hold spaces of its own.
    private static Command ParseAuth(ReadOnlySpan<byte> rest) =>
        rest.IsEmpty ? WrongArguments("AUTH") : new Command.Auth(rest.ToArray());

    private static Command ParseExpire(ReadOnlySpan<byte> rest)
    {
        var key = NextToken(ref rest);
        var seconds = NextToken(ref rest);
        if (key.IsEmpty || seconds.IsEmpty || !NextToken(ref rest).IsEmpty)
        {
            return WrongArguments("EXPIRE");
        }

        if (!IsValidKey(key))
        {
            return new Command.Invalid(NativeErrors.InvalidKey);
        }

        return TryParseInteger(seconds, out var value) ? new Command.Expire(key.ToArray(), value) : new Command.Invalid(NativeErrors.NotANumber);
    }

    private static Command ParseKeys(ReadOnlySpan<byte> rest)
    {
        var glob = NextToken(ref rest);
        if (!NextToken(ref rest).IsEmpty)
        {
            return WrongArguments("KEYS");
        }

        return new Command.ListKeys(glob.IsEmpty ? "*"u8.ToArray() : glob.ToArray());
    }

    private static Command ParseWatch(ReadOnlySpan<byte> rest)
    {
        var glob = NextToken(ref rest);
        var from = NextToken(ref rest);
        var sequence = NextToken(ref rest);
        if (glob.IsEmpty || !NextToken(ref rest).IsEmpty || from.IsEmpty != sequence.IsEmpty
            || (!from.IsEmpty && !Is(from, "FROM"u8)))
        {
            return WrongArguments("WATCH");
        }

        if (sequence.IsEmpty)
        {
            return new Command.Watch(glob.ToArray(), null);
        }

        return TryParseInteger(sequence, out var after) && after >= 0
            ? new Command.Watch(glob.ToArray(), after)
            : new Command.Invalid(NativeErrors.NotANumber);
    }

    private static Command ParseKeyOnly(ReadOnlySpan<byte> rest, string name, Func<byte[], Command> create)
    {
        var key = NextToken(ref rest);
        if (key.IsEmpty || !NextToken(ref rest).IsEmpty)
        {
            return WrongArguments(name);
        }

        return IsValidKey(key) ? create(key.ToArray()) : new Command.Invalid(NativeErrors.InvalidKey);
    }

    private static Command ParseBare(ReadOnlySpan<byte> rest, string name, Command command) =>
        NextToken(ref rest).IsEmpty ? command : WrongArguments(name);

    /// <summary>Takes the next space-delimited token; <paramref name="rest"/> keeps what follows its single separating space.</summary>
    private static ReadOnlySpan<byte> NextToken(ref ReadOnlySpan<byte> rest)
    {
        rest = rest.TrimStart((byte)' ');
        var end = rest.IndexOf((byte)' ');
        var token = end < 0 ? rest : rest[..end];
        rest = end < 0 ? [] : rest[(end + 1)..];
        return token;
    }

    internal static bool IsValidKey(ReadOnlySpan<byte> key) => KeySyntax.IsValid(key, NativeLimits.MaxKeyLength);

    private static bool TryParseInteger(ReadOnlySpan<byte> digits, out long value) =>
        Utf8Parser.TryParse(digits, out value, out var consumed) && consumed == digits.Length;

    private static Command WrongArguments(string name) => new Command.Invalid($"{NativeErrors.WrongArguments} for '{name}'");

    private static bool Is(ReadOnlySpan<byte> token, ReadOnlySpan<byte> name) => Ascii.EqualsIgnoreCase(token, name);

    // The name is echoed in the error line, so control characters (a lone CR, NUL) become '?': a reply stays one
    // clean line, as Redis maps CR and LF to spaces in its error replies.
    private static string Shorten(ReadOnlySpan<byte> name)
    {
        var text = name.Length <= 40 ? Encoding.UTF8.GetString(name) : Encoding.UTF8.GetString(name[..40]) + "...";
        return string.Create(text.Length, text, static (chars, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                chars[i] = char.IsControl(text[i]) ? '?' : text[i];
            }
        });
    }
}
