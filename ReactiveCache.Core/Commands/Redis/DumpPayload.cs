using System.Buffers;
using System.Buffers.Binary;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// DUMP's serialized value in Redis 7.0's format (cluster.c createDumpPayload, rdb.c): an RDB object type, the object,
/// two bytes of RDB version (10) and a CRC-64 of all that, both little-endian. So a value dumped here restores into
/// redis-server 7.0 and one dumped there restores here.
/// </summary>
/// <remarks>
/// Writing uses the plainest encodings every RDB reader knows: a string as a length and its bytes, a hash as
/// <c>RDB_TYPE_HASH</c> (a count and field/value strings). Reading also takes what Redis writes: integer-encoded
/// and LZF-compressed strings, and a hash as a listpack (<c>RDB_TYPE_HASH_LISTPACK</c>). Lists, sets and sorted sets
/// are written and read in the legacy encodings every RDB reader still loads (<c>RDB_TYPE_LIST</c>, <c>RDB_TYPE_SET</c>,
/// <c>RDB_TYPE_ZSET_2</c>: a count, then each element, a sorted-set member followed by its score as a little-endian
/// double); the quicklist, intset and listpack encodings redis-server 7.0 itself writes for them are not read (RESTORE
/// answers Bad data format).
/// </remarks>
internal static class DumpPayload
{
    private const ushort RdbVersion = 10;
    private const byte TypeString = 0;
    private const byte TypeList = 1;
    private const byte TypeSet = 2;
    private const byte TypeHash = 4;
    private const byte TypeSortedSet2 = 5;
    private const byte TypeHashListpack = 16;

    /// <summary>
    /// What DUMP takes under the store's lock: the encoding of <paramref name="value"/>, to run after the lock is
    /// released. Encoding and sealing cost every byte of the value (a 64 MB string held the lock for 1.6 s), so only
    /// what never changes is captured: a string (immutable) or a copy of a hash's fields (their arrays never change).
    /// </summary>
    public static Func<byte[]> Snapshot(CacheValue value)
    {
        switch (value)
        {
            case StringValue text:
                return () => Encode(text.Bytes);
            case HashValue hash:
                var fields = hash.ToArray();
                return () => Encode(fields);
            case CollectionValue collection:
                // Each element's array never changes once stored: the snapshot is the one O(n) copy under the lock.
                var kind = collection.Kind;
                var elements = collection.ToElements();
                return () => Encode(kind, elements);
            default:
                throw new ArgumentOutOfRangeException(nameof(value), value, "No DUMP encoding for this value.");
        }
    }

    private static byte[] Encode(byte[] text)
    {
        var output = new ArrayBufferWriter<byte>(text.Length + 32);
        Write(output, TypeString);
        WriteString(output, text);
        return Seal(output);
    }

    private static byte[] Encode(HashField[] fields)
    {
        var output = new ArrayBufferWriter<byte>();
        Write(output, TypeHash);
        WriteLength(output, (ulong)fields.Length);
        foreach (var field in fields)
        {
            WriteString(output, field.Name);
            WriteString(output, field.Value!);
        }

        return Seal(output);
    }

    private static byte[] Encode(ValueKind kind, ElementChange[] elements)
    {
        var output = new ArrayBufferWriter<byte>();
        Write(output, kind switch { ValueKind.List => TypeList, ValueKind.Set => TypeSet, _ => TypeSortedSet2 });
        WriteLength(output, (ulong)elements.Length);
        Span<byte> score = stackalloc byte[8];
        foreach (var element in elements)
        {
            WriteString(output, element.Element);
            if (kind == ValueKind.SortedSet)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(score, element.Score);
                output.Write(score);
            }
        }

        return Seal(output);
    }

    private static byte[] Seal(ArrayBufferWriter<byte> output)
    {
        Span<byte> footer = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(footer, RdbVersion);
        output.Write(footer);
        Span<byte> crc = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(crc, Crc64.Compute(output.WrittenSpan));
        output.Write(crc);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>verifyDumpPayload: at least the footer, an RDB version this server reads, and a matching CRC.</summary>
    public static bool IsSealed(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 10)
        {
            return false;
        }

        var footer = payload[^10..];
        var version = footer[0] | (footer[1] << 8);
        return version <= RdbVersion && Crc64.Compute(payload[..^8]) == BinaryPrimitives.ReadUInt64LittleEndian(footer[2..]);
    }

    /// <summary>The value of a sealed payload, built as a write with <paramref name="limits"/> would build it.</summary>
    public static bool TryDecode(byte[] payload, ListpackLimits limits, out CacheValue value)
    {
        value = StringValue.Empty;
        var reader = new RdbReader(payload.AsSpan(0, payload.Length - 10));
        if (!reader.TryReadByte(out var type))
        {
            return false;
        }

        switch (type)
        {
            case TypeString when reader.TryReadString(out var bytes):
                value = new StringValue(bytes);
                return true;
            case TypeHash when reader.TryReadLength(out var count) && count > 0:
                var pairs = new List<(byte[], byte[])>();
                for (ulong i = 0; i < count; i++)
                {
                    if (!reader.TryReadString(out var name) || !reader.TryReadString(out var fieldValue))
                    {
                        return false;
                    }

                    pairs.Add((name, fieldValue));
                }

                return TryBuildHash(pairs, limits, out value);
            case TypeHashListpack when reader.TryReadString(out var listpack) && ListpackReader.TryReadPairs(listpack, out var entries):
                return TryBuildHash(entries, limits, out value);
            case TypeList:
                return TryReadCollection(ref reader, ValueKind.List, out value);
            case TypeSet:
                return TryReadCollection(ref reader, ValueKind.Set, out value);
            case TypeSortedSet2:
                return TryReadCollection(ref reader, ValueKind.SortedSet, out value);
            default:
                return false;
        }
    }

    // A count, then each element (and a sorted-set member's score), replayed as the edits that build the value. An empty
    // collection, a repeated member, a NaN score or a count past the payload is corrupt (rdbLoadObject refuses each).
    private static bool TryReadCollection(ref RdbReader reader, ValueKind kind, out CacheValue value)
    {
        value = StringValue.Empty;
        if (!reader.TryReadLength(out var count) || count == 0 || count > (ulong)reader.Remaining)
        {
            return false;
        }

        CollectionValue collection;
        try
        {
            collection = CollectionValue.Empty(kind);
        }
        catch (ArgumentOutOfRangeException)
        {
            // A type this build does not hold yet.
            return false;
        }

        for (ulong i = 0; i < count; i++)
        {
            if (!reader.TryReadString(out var element))
            {
                return false;
            }

            var score = 0.0;
            if (kind == ValueKind.SortedSet && (!reader.TryReadDouble(out score) || double.IsNaN(score)))
            {
                return false;
            }

            collection.Apply(new ElementChange(ElementEdit.Added, element, kind == ValueKind.List ? -1 : 0, score));
        }

        value = collection;
        return (ulong)collection.Count == count;
    }

    // An empty hash or a repeated field is a corrupt payload (rdbLoadObject refuses both).
    private static bool TryBuildHash(List<(byte[] Name, byte[] Value)> pairs, ListpackLimits limits, out CacheValue value)
    {
        var hash = new HashValue();
        value = hash;
        foreach (var (name, fieldValue) in pairs)
        {
            if (!hash.Set(name, fieldValue, limits))
            {
                return false;
            }
        }

        return hash.Count > 0;
    }

    private static void WriteString(ArrayBufferWriter<byte> output, byte[] bytes)
    {
        WriteLength(output, (ulong)bytes.Length);
        output.Write(bytes);
    }

    private static void Write(ArrayBufferWriter<byte> output, byte value) => output.Write([value]);

    // rdbSaveLen: 6 bits, 14 bits, or a marker and 32 or 64 bits big-endian.
    private static void WriteLength(ArrayBufferWriter<byte> output, ulong length)
    {
        if (length < 1 << 6)
        {
            Write(output, (byte)length);
        }
        else if (length < 1 << 14)
        {
            output.Write([(byte)(0x40 | (length >> 8)), (byte)length]);
        }
        else if (length <= uint.MaxValue)
        {
            Span<byte> bytes = stackalloc byte[5];
            bytes[0] = 0x80;
            BinaryPrimitives.WriteUInt32BigEndian(bytes[1..], (uint)length);
            output.Write(bytes);
        }
        else
        {
            Span<byte> bytes = stackalloc byte[9];
            bytes[0] = 0x81;
            BinaryPrimitives.WriteUInt64BigEndian(bytes[1..], length);
            output.Write(bytes);
        }
    }
}
