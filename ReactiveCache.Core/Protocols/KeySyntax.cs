namespace ReactiveCache.Protocols;

/// <summary>
/// What a key may be on a line protocol, the native one and memcached's alike: 1 to the protocol's maximum bytes, none
/// of them a control character, a space or DEL (memcached's rule, which lets a key written through one protocol be read
/// through the other). Bytes above 0x7f (UTF-8) are allowed. RESP keys are length-prefixed and may hold any byte.
/// </summary>
internal static class KeySyntax
{
    public static bool IsValid(ReadOnlySpan<byte> key, int maxLength) =>
        key.Length > 0 && key.Length <= maxLength && key.IndexOfAnyInRange((byte)0, (byte)' ') < 0 && !key.Contains((byte)0x7f);
}
