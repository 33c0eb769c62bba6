using System.Text;
using ReactiveCache.Protocols.Memcached;
using ReactiveCache.Store;

namespace ReactiveCache.Commands.Memcached;

/// <summary>
/// The return flags of a meta reply, in the order the client asked for them (as memcached writes them),
/// then the revalidation flags (W, X, Z).
/// </summary>
internal static class MetaReturnFlags
{
    public static string Build(MetaRequest request, CacheEntry? entry, long nowMs, string revalidation = "")
    {
        if (request.Flags.Count == 0 && revalidation.Length == 0)
        {
            return "";
        }

        var text = new StringBuilder();
        foreach (var flag in request.Flags)
        {
            var returned = Returned(flag, request, entry, nowMs);
            if (returned is not null)
            {
                text.Append(text.Length > 0 ? " " : "").Append(returned);
            }
        }

        foreach (var letter in revalidation)
        {
            text.Append(text.Length > 0 ? " " : "").Append(letter);
        }

        return text.ToString();
    }

    private static string? Returned(MetaFlag flag, MetaRequest request, CacheEntry? entry, long nowMs) => flag.Flag switch
    {
        'O' => "O" + flag.Token,
        'k' => "k" + Key(request),
        'b' when request.Has('k') => "b",
        'c' when entry is not null => "c" + entry.Version,
        'f' when entry is not null => "f" + entry.Flags,
        's' when entry is not null => "s" + entry.Bytes.Length,
        't' when entry is not null => "t" + MemcachedExpiry.RemainingSeconds(entry, nowMs),
        _ => null,
    };

    private static string Key(MetaRequest request) =>
        request.Has('b') ? Convert.ToBase64String(request.Key) : Encoding.ASCII.GetString(request.Key);
}
