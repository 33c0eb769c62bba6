using ReactiveCache.Protocols.Memcached;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Memcached;

/// <summary>
/// The rules of the set family, once for the classic commands and <c>ms</c>: which modes refuse a present or
/// absent key, how append and prepend join the parts, and which change reason each mode records.
/// </summary>
internal static class StoreModes
{
    /// <summary>append and prepend keep the item's flags and exptime (protocol.txt).</summary>
    public static bool Concatenates(StoreMode mode) => mode is StoreMode.Append or StoreMode.Prepend;

    /// <summary>add needs the key absent; replace, append and prepend need it present.</summary>
    public static bool Refuses(StoreMode mode, bool exists) =>
        (mode == StoreMode.Add && exists) || (mode is StoreMode.Replace or StoreMode.Append or StoreMode.Prepend && !exists);

    /// <summary>The value a mode stores: the data, or the data joined to what is there.</summary>
    public static byte[] Combine(StoreMode mode, byte[] current, byte[] data) => mode switch
    {
        StoreMode.Append => StringValue.Concat(current, data),
        StoreMode.Prepend => StringValue.Concat(data, current),
        _ => data,
    };

    public static ChangeReason ReasonOf(StoreMode mode) => mode switch
    {
        StoreMode.Append => ChangeReason.Append,
        StoreMode.Prepend => ChangeReason.Prepend,
        _ => ChangeReason.Set,
    };
}
