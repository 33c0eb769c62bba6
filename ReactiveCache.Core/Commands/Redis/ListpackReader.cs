using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// Reads the entries of a listpack (listpack.c), the form in which Redis 7.0 dumps a small hash: a 6-byte header
/// (total bytes, count), entries that are strings or integers each followed by its back-length, and 0xFF.
/// </summary>
internal static class ListpackReader
{
    private const int HeaderSize = 6;
    private const byte End = 0xff;

    /// <summary>The entries taken two by two as field and value; false for a malformed listpack or an odd count.</summary>
    public static bool TryReadPairs(byte[] listpack, out List<(byte[] Name, byte[] Value)> pairs)
    {
        pairs = [];
        if (listpack.Length < HeaderSize + 1 || BinaryPrimitives.ReadUInt32LittleEndian(listpack) != listpack.Length)
        {
            return false;
        }

        var at = HeaderSize;
        byte[]? name = null;
        while (at < listpack.Length && listpack[at] != End)
        {
            if (!TryReadEntry(listpack, ref at, out var entry))
            {
                return false;
            }

            if (name is null)
            {
                name = entry;
            }
            else
            {
                pairs.Add((name, entry));
                name = null;
            }
        }

        return at == listpack.Length - 1 && name is null;
    }

    private static bool TryReadEntry(byte[] listpack, ref int at, out byte[] entry)
    {
        entry = [];
        var data = listpack.AsSpan(at);
        int size;
        var b = data[0];
        if ((b & 0x80) == 0)
        {
            (entry, size) = (Decimal(b & 0x7f), 1);
        }
        else if ((b & 0xc0) == 0x80)
        {
            size = 1 + (b & 0x3f);
            if (data.Length < size)
            {
                return false;
            }

            entry = data[1..size].ToArray();
        }
        else if ((b & 0xe0) == 0xc0)
        {
            if (data.Length < 2)
            {
                return false;
            }

            // 13-bit two's complement.
            var raw = ((b & 0x1f) << 8) | data[1];
            (entry, size) = (Decimal(raw >= 1 << 12 ? raw - (1 << 13) : raw), 2);
        }
        else if ((b & 0xf0) == 0xe0)
        {
            if (data.Length < 2)
            {
                return false;
            }

            size = 2 + (((b & 0x0f) << 8) | data[1]);
            if (data.Length < size)
            {
                return false;
            }

            entry = data[2..size].ToArray();
        }
        else if (!TryReadWide(data, out entry, out size))
        {
            return false;
        }

        var total = size + BackLengthSize(size);
        if (data.Length < total)
        {
            return false;
        }

        at += total;
        return true;
    }

    // The encodings introduced by 0xF0..0xF4: a 32-bit string length, or a 16/24/32/64-bit integer.
    private static bool TryReadWide(ReadOnlySpan<byte> data, out byte[] entry, out int size)
    {
        entry = [];
        size = data[0] switch { 0xf0 => 5, 0xf1 => 3, 0xf2 => 4, 0xf3 => 5, 0xf4 => 9, _ => 0 };
        if (size == 0 || data.Length < size)
        {
            return false;
        }

        switch (data[0])
        {
            case 0xf0:
                var length = BinaryPrimitives.ReadUInt32LittleEndian(data[1..]);
                if (length > (uint)(data.Length - 5))
                {
                    return false;
                }

                size += (int)length;
                entry = data[5..size].ToArray();
                return true;
            case 0xf1:
                entry = Decimal(BinaryPrimitives.ReadInt16LittleEndian(data[1..]));
                return true;
            case 0xf2:
                entry = Decimal((data[1] | (data[2] << 8) | ((sbyte)data[3] << 16)));
                return true;
            case 0xf3:
                entry = Decimal(BinaryPrimitives.ReadInt32LittleEndian(data[1..]));
                return true;
            default:
                entry = Decimal(BinaryPrimitives.ReadInt64LittleEndian(data[1..]));
                return true;
        }
    }

    // lpEncodeBacklen: 7 bits per byte.
    private static int BackLengthSize(int entrySize) =>
        entrySize <= 127 ? 1 : entrySize < 16383 ? 2 : entrySize < 2097151 ? 3 : entrySize < 268435455 ? 4 : 5;

    private static byte[] Decimal(long value) => Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture));
}
