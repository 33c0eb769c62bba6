using ReactiveCache.Commands.Redis;

namespace ReactiveCache.Specs.Support;

/// <summary>A DUMP payload's trailer, as verifyDumpPayload checks it: RDB version 10 and the CRC-64 of all before it.</summary>
internal static class DumpSeal
{
    public static byte[] Seal(byte[] body)
    {
        byte[] versioned = [.. body, 10, 0];
        return [.. versioned, .. BitConverter.GetBytes(Crc64.Compute(versioned))];
    }

    /// <summary>The body of a sealed payload: everything before the version and CRC.</summary>
    public static byte[] Body(byte[] payload) => payload[..^10];
}
