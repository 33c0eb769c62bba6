using System.Globalization;
using System.Text;

namespace ReactiveCache.Commands.Redis.Introspection;

/// <summary>
/// A MONITOR line as replicationFeedMonitors writes it: <c>1700000000.123456 [0 127.0.0.1:50000] "set" "k" "v"</c>,
/// each argument quoted as sdscatrepr quotes it (printable ASCII as is, <c>\n \r \t \a \b \" \\</c>, other bytes
/// <c>\xhh</c>), so the line is plain ASCII and never breaks the protocol.
/// </summary>
internal static class MonitorLine
{
    public static string Format(MonitoredCommand command)
    {
        var micros = command.Time.ToUnixTimeMilliseconds() * 1000 + command.Time.Ticks / 10 % 1000;
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{micros / 1_000_000}.{micros % 1_000_000:D6} [{command.Database} {command.Client}]");
        foreach (var argument in command.Arguments)
        {
            text.Append(' ');
            Quote(text, argument.Span);
        }

        return text.ToString();
    }

    /// <summary>sdscatrepr in sds.c.</summary>
    public static void Quote(StringBuilder text, ReadOnlySpan<byte> bytes)
    {
        text.Append('"');
        foreach (var b in bytes)
        {
            switch (b)
            {
                case (byte)'\\' or (byte)'"':
                    text.Append('\\').Append((char)b);
                    break;
                case (byte)'\n':
                    text.Append("\\n");
                    break;
                case (byte)'\r':
                    text.Append("\\r");
                    break;
                case (byte)'\t':
                    text.Append("\\t");
                    break;
                case 7:
                    text.Append("\\a");
                    break;
                case 8:
                    text.Append("\\b");
                    break;
                case >= 0x20 and < 0x7f:
                    text.Append((char)b);
                    break;
                default:
                    text.Append(CultureInfo.InvariantCulture, $"\\x{b:x2}");
                    break;
            }
        }

        text.Append('"');
    }
}
