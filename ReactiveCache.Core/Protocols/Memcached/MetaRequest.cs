namespace ReactiveCache.Protocols.Memcached;

/// <summary>
/// One meta command (<c>mg ms md ma mn me</c>): the key (base64-decoded when the <c>b</c> flag is given),
/// the data block of <c>ms</c>, and the flags in the order the client sent them, which is also the order
/// the return flags are written in.
/// </summary>
internal sealed record MetaRequest(MetaVerb Verb, byte[] Key, byte[]? Data, IReadOnlyList<MetaFlag> Flags)
{
    public bool Has(char flag)
    {
        foreach (var each in Flags)
        {
            if (each.Flag == flag)
            {
                return true;
            }
        }

        return false;
    }

    public string? Token(char flag)
    {
        foreach (var each in Flags)
        {
            if (each.Flag == flag)
            {
                return each.Token;
            }
        }

        return null;
    }

    /// <summary>An unsigned 64-bit token (a CAS value); false when the flag is absent, null when it is present but not one.</summary>
    public bool TryUnsigned(char flag, out ulong? number)
    {
        number = null;
        if (Token(flag) is not { } token)
        {
            return false;
        }

        number = ulong.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
        return true;
    }

    /// <summary>A numeric token; false when the flag is absent, null when it is present but not a number.</summary>
    public bool TryNumber(char flag, out long? number)
    {
        number = null;
        if (Token(flag) is not { } token)
        {
            return false;
        }

        number = long.TryParse(token, System.Globalization.NumberStyles.AllowLeadingSign, null, out var value) ? value : null;
        return true;
    }
}
