using ReactiveCache.Protocols.Native;

namespace ReactiveCache.Commands.Native;

/// <summary>
/// The native commands' names as the metrics' <c>command</c> tag gives them (lower case), and which one a parsed
/// line is. A fixed table: no line makes a new name.
/// </summary>
internal static class NativeCommandNames
{
    /// <summary>Every name, indexed by <see cref="IndexOf"/>.</summary>
    public static readonly IReadOnlyList<string> All =
        ["get", "put", "del", "expire", "ttl", "persist", "keys", "watch", "unwatch", "ping", "stats", "help", "quit", "auth"];

    /// <summary>The command's index in <see cref="All"/>, or -1 for a line that is not one.</summary>
    public static int IndexOf(Command command) => command switch
    {
        Command.Get => 0,
        Command.Put => 1,
        Command.Delete => 2,
        Command.Expire => 3,
        Command.TimeToLive => 4,
        Command.Persist => 5,
        Command.ListKeys => 6,
        Command.Watch => 7,
        Command.Unwatch => 8,
        Command.Ping => 9,
        Command.Stats => 10,
        Command.Help => 11,
        Command.Quit => 12,
        Command.Auth => 13,
        _ => -1,
    };
}
