namespace ReactiveCache.Commands.Redis;

/// <summary>
/// Redis's CRC-64 (crc64.c: the Jones polynomial 0xad93d23594c935a9, reflected, initial value 0), which seals a DUMP
/// payload; <c>crc64("123456789")</c> is 0xe9c6d914c4b8d9ca.
/// </summary>
internal static class Crc64
{
    private const ulong ReflectedPolynomial = 0x95ac9329ac4bc9b5;

    private static readonly ulong[] s_table = BuildTable();

    public static ulong Compute(ReadOnlySpan<byte> data)
    {
        ulong crc = 0;
        foreach (var b in data)
        {
            crc = s_table[(byte)(crc ^ b)] ^ (crc >> 8);
        }

        return crc;
    }

    private static ulong[] BuildTable()
    {
        var table = new ulong[256];
        for (var i = 0; i < 256; i++)
        {
            var crc = (ulong)i;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ ReflectedPolynomial : crc >> 1;
            }

            table[i] = crc;
        }

        return table;
    }
}
