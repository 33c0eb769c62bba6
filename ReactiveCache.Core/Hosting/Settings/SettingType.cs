using System.Globalization;
using System.Net;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using ReactiveCache.Commands.Redis;
using ReactiveCache.Networking;

namespace ReactiveCache.Hosting.Settings;

/// <summary>
/// How one kind of setting's text is read and written (a port, a size, yes/no...): the same for the command line,
/// the config file, the environment and CONFIG REWRITE. Reasons are the part after "--name: " in a usage error.
/// </summary>
internal sealed record SettingType<T>(SettingType<T>.Parser TryParse, Func<T, string> Format)
{
    public delegate bool Parser(string text, out T value, out string reason);
}

/// <summary>The setting types the table uses.</summary>
internal static class SettingTypes
{
    // A size as an operator writes it (64mb, 2gb; binary units, as MemorySize reads mb and gb), bytes when it is not
    // a whole number of one: what --help shows and CONFIG REWRITE writes.
    private static string FormatSize(long bytes)
    {
        foreach (var (unit, suffix) in new[] { (1L << 30, "gb"), (1L << 20, "mb"), (1L << 10, "kb") })
        {
            if (bytes > 0 && bytes % unit == 0)
            {
                return (bytes / unit).ToString(CultureInfo.InvariantCulture) + suffix;
            }
        }

        return MemorySize.Format(bytes);
    }

    public static SettingType<int> Whole(int minimum, int maximum) => new(
        (string text, out int value, out string reason) =>
        {
            value = 0;
            reason = "";
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                reason = $"'{text}' is not a whole number";
                return false;
            }

            if (number < minimum || number > maximum)
            {
                reason = $"must be between {minimum} and {maximum}";
                return false;
            }

            value = (int)number;
            return true;
        },
        value => value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A size where 0 means none: any memory value Redis's config would take.</summary>
    public static readonly SettingType<long> Size = new(
        (string text, out long bytes, out string reason) =>
        {
            reason = MemorySize.TryParse(text, out bytes) ? "" : $"'{text}' is not a size (bytes, or with k, kb, m, mb, g, gb)";
            return reason.Length == 0;
        },
        FormatSize);

    /// <summary>Redis's own bounds for the request sizes (config.c): at least 1mb.</summary>
    public static readonly SettingType<long> LargeSize = new(
        (string text, out long bytes, out string reason) =>
        {
            var valid = MemorySize.TryParse(text, out bytes) && bytes >= 1024 * 1024;
            reason = valid ? "" : "must be a memory size of 1mb or more, such as 64mb, 1gb or 1048576";
            return valid;
        },
        FormatSize);

    public static readonly SettingType<string> Text = new(
        (string text, out string value, out string reason) =>
        {
            value = text;
            reason = "";
            return true;
        },
        value => value);

    public static readonly SettingType<bool> YesNo = new(
        (string text, out bool yes, out string reason) =>
        {
            yes = text.Equals("yes", StringComparison.OrdinalIgnoreCase);
            var valid = yes || text.Equals("no", StringComparison.OrdinalIgnoreCase);
            reason = valid ? "" : $"'{text}' is not yes or no";
            return valid;
        },
        yes => yes ? "yes" : "no");

    public static readonly SettingType<IPAddress> Address = new(
        (string text, out IPAddress address, out string reason) =>
        {
            var valid = IPAddress.TryParse(text, out var parsed);
            address = parsed ?? IPAddress.Loopback;
            reason = valid ? "" : $"'{text}' is not an IP address";
            return valid;
        },
        address => address.ToString());

    public static readonly SettingType<EvictionPolicy> Policy = new(
        (string text, out EvictionPolicy policy, out string reason) =>
        {
            var valid = EvictionPolicies.TryParse(text, out policy);
            reason = valid ? "" : $"'{text}' is not a policy; use one of {string.Join(", ", EvictionPolicies.Names)}";
            return valid;
        },
        policy => policy.RedisName());

    /// <summary>redis.conf's "class hard soft seconds" words, each class replacing this server's default for it.</summary>
    public static readonly SettingType<ClientOutputBufferLimits> OutputLimits = new(
        (string text, out ClientOutputBufferLimits limits, out string reason) =>
            ClientOutputBufferLimits.Default.TryApply(text, out limits, out reason),
        limits => limits.ToString());

    public static readonly SettingType<string> KeyspaceEventClasses = new(
        (string text, out string value, out string reason) =>
        {
            value = text;
            var valid = KeyspaceEvents.TryParse(text, out _);
            reason = valid ? "" : $"'{text}' is not a set of keyspace event classes (such as KEA)";
            return valid;
        },
        value => value);

    public static readonly SettingType<LogLevel> Level = new(
        (string text, out LogLevel level, out string reason) =>
        {
            var valid = Enum.TryParse(text, ignoreCase: true, out level) && Enum.IsDefined(level) && !int.TryParse(text, out _);
            reason = valid ? "" : $"'{text}' is not a level; use one of {string.Join(", ", Enum.GetNames<LogLevel>())}";
            return valid;
        },
        level => level.ToString());

    public static readonly SettingType<TlsClientAuthentication> ClientCertificates = new(
        (string text, out TlsClientAuthentication authentication, out string reason) =>
        {
            authentication = text.ToLowerInvariant() switch
            {
                "yes" => TlsClientAuthentication.Required,
                "optional" => TlsClientAuthentication.Optional,
                "no" => TlsClientAuthentication.None,
                _ => (TlsClientAuthentication)(-1),
            };
            var valid = Enum.IsDefined(authentication);
            reason = valid ? "" : $"'{text}' is not yes, no or optional";
            return valid;
        },
        authentication => authentication switch
        {
            TlsClientAuthentication.Optional => "optional",
            TlsClientAuthentication.None => "no",
            _ => "yes",
        });

    /// <summary>Redis's tls-protocols words. TLSv1 and TLSv1.1, which Redis still accepts, are refused: .NET calls them obsolete.</summary>
    public static readonly SettingType<SslProtocols> TlsVersions = new(
        (string text, out SslProtocols protocols, out string reason) =>
        {
            protocols = SslProtocols.None;
            reason = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var protocol = word.ToUpperInvariant() switch
                {
                    "TLSV1.2" => SslProtocols.Tls12,
                    "TLSV1.3" => SslProtocols.Tls13,
                    _ => SslProtocols.None,
                };
                if (protocol == SslProtocols.None)
                {
                    reason = $"'{word}' is not supported; use TLSv1.2, TLSv1.3 or both";
                    return false;
                }

                protocols |= protocol;
            }

            if (protocols == SslProtocols.None)
            {
                reason = "name at least one of TLSv1.2 and TLSv1.3";
                return false;
            }

            return true;
        },
        protocols => string.Join(' ', new[] { (SslProtocols.Tls12, "TLSv1.2"), (SslProtocols.Tls13, "TLSv1.3") }
            .Where(pair => protocols.HasFlag(pair.Item1)).Select(pair => pair.Item2)));

    /// <summary>An IP address, or "" for a default the setting's description names.</summary>
    public static readonly SettingType<string> OptionalAddress = new(
        (string text, out string value, out string reason) =>
        {
            value = text;
            var valid = text.Length == 0 || IPAddress.TryParse(text, out _);
            reason = valid ? "" : $"'{text}' is not an IP address";
            return valid;
        },
        value => value);

    /// <summary>One of a few words (any case; written back in the table's spelling).</summary>
    public static SettingType<string> OneOf(params string[] words) => new(
        (string text, out string value, out string reason) =>
        {
            value = words.FirstOrDefault(word => word.Equals(text, StringComparison.OrdinalIgnoreCase)) ?? "";
            var valid = value.Length > 0;
            reason = valid ? "" : $"'{text}' is not one of {string.Join(", ", words)}";
            return valid;
        },
        value => value);
}
