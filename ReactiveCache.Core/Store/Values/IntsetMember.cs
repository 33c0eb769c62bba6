using System.Buffers.Text;

namespace ReactiveCache.Store.Values;

/// <summary>
/// Whether a set member is one Redis keeps in an intset: a signed 64-bit integer in the canonical form string2ll
/// accepts (no sign but a leading minus, no leading zeros, no "-0", no spaces), so the number prints back as the same
/// bytes. The store's copy of the rule Protocols/IntegerSyntax applies to arguments, as the store sits below Protocols.
/// </summary>
internal static class IntsetMember
{
    public static bool TryParse(ReadOnlySpan<byte> member, out long value)
    {
        value = 0;
        if (member.IsEmpty || member.Length > 20)
        {
            return false;
        }

        var digits = member[0] == (byte)'-' ? member[1..] : member;
        if (digits.IsEmpty || digits[0] is < (byte)'0' or > (byte)'9' || (digits[0] == (byte)'0' && member.Length > 1))
        {
            return false;
        }

        return Utf8Parser.TryParse(member, out value, out var consumed) && consumed == member.Length;
    }
}
