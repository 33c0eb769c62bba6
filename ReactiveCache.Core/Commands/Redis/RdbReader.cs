using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// Reads RDB lengths and strings (rdb.c rdbLoadLen, rdbGenericLoadStringObject) from a DUMP payload: a length in 6 or
/// 14 bits or 32/64 bits big-endian, and a string that is raw, an 8/16/32-bit integer, or LZF-compressed. Every read
/// checks the bounds, so a corrupt payload is refused, never read past.
/// </summary>
internal ref struct RdbReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _at;

    public bool TryReadByte(out byte value)
    {
        value = 0;
        if (_at >= _data.Length)
        {
            return false;
        }

        value = _data[_at++];
        return true;
    }

    /// <summary>The bytes not read yet: a count of elements can be no more than this (each takes at least one byte).</summary>
    public readonly int Remaining => _data.Length - _at;

    /// <summary>An 8-byte little-endian double (rdbLoadBinaryDoubleValue: a ZSET_2 score).</summary>
    public bool TryReadDouble(out double value)
    {
        value = 0;
        if (_data.Length - _at < 8)
        {
            return false;
        }

        value = BinaryPrimitives.ReadDoubleLittleEndian(_data[_at..]);
        _at += 8;
        return true;
    }

    public bool TryReadLength(out ulong length) => TryReadLength(out length, out var encoded) && !encoded;

    public bool TryReadString(out byte[] value)
    {
        value = [];
        if (!TryReadLength(out var length, out var encoded))
        {
            return false;
        }

        if (!encoded)
        {
            return TryTake(length, out value);
        }

        switch (length)
        {
            case 0 when TryTake(1, out var int8):
                value = Decimal((sbyte)int8[0]);
                return true;
            case 1 when TryTake(2, out var int16):
                value = Decimal(BinaryPrimitives.ReadInt16LittleEndian(int16));
                return true;
            case 2 when TryTake(4, out var int32):
                value = Decimal(BinaryPrimitives.ReadInt32LittleEndian(int32));
                return true;
            case 3 when TryReadLength(out var compressed) && TryReadLength(out var expanded) && expanded <= int.MaxValue
                && TryTake(compressed, out var lzf):
                return Lzf.TryDecompress(lzf, (int)expanded, out value);
            default:
                return false;
        }
    }

    // The top two bits say how the length is stored; 11 marks a specially encoded string (the low 6 bits say which).
    private bool TryReadLength(out ulong length, out bool encoded)
    {
        length = 0;
        encoded = false;
        if (!TryReadByte(out var first))
        {
            return false;
        }

        switch (first >> 6)
        {
            case 0:
                length = (ulong)(first & 0x3f);
                return true;
            case 1 when TryReadByte(out var second):
                length = ((ulong)(first & 0x3f) << 8) | second;
                return true;
            case 2 when first == 0x80 && TryTake(4, out var bytes32):
                length = BinaryPrimitives.ReadUInt32BigEndian(bytes32);
                return true;
            case 2 when first == 0x81 && TryTake(8, out var bytes64):
                length = BinaryPrimitives.ReadUInt64BigEndian(bytes64);
                return true;
            case 3:
                length = (ulong)(first & 0x3f);
                encoded = true;
                return true;
            default:
                return false;
        }
    }

    private bool TryTake(ulong count, out byte[] bytes)
    {
        bytes = [];
        if (count > (ulong)(_data.Length - _at))
        {
            return false;
        }

        bytes = _data.Slice(_at, (int)count).ToArray();
        _at += (int)count;
        return true;
    }

    private static byte[] Decimal(long value) => Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture));
}
