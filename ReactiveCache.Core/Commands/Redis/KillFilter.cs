using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// CLIENT KILL's option form (clientCommand in networking.c): every option given must match, and the caller is spared
/// unless SKIPME no says otherwise. Options are read in pairs; an unknown one, or one without its value, is a syntax error.
/// </summary>
internal sealed class KillFilter
{
    private long _id;
    private string? _type;
    private string? _address;
    private string? _localAddress;
    private bool _skipMe = true;

    /// <summary>The filter in <paramref name="args"/> (from index 2 on), or the error to answer.</summary>
    public static RedisReply? TryParse(byte[][] args, out KillFilter filter)
    {
        filter = new KillFilter();
        for (var i = 2; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                return RedisReply.Syntax;
            }

            var value = args[i + 1];
            if (RedisArgs.Is(args[i], "ID"))
            {
                if (!RedisArgs.TryInteger(value, out filter._id) || filter._id <= 0)
                {
                    return new RedisReply.Error(RespErrors.ClientIdNotPositive);
                }
            }
            else if (RedisArgs.Is(args[i], "TYPE"))
            {
                if (!ClientList.TryParseType(RedisArgs.Text(value), out var type))
                {
                    return RedisArgs.Error(RespErrors.UnknownClientType, RedisArgs.Text(value));
                }

                filter._type = type;
            }
            else if (RedisArgs.Is(args[i], "ADDR"))
            {
                filter._address = RedisArgs.Text(value);
            }
            else if (RedisArgs.Is(args[i], "LADDR"))
            {
                filter._localAddress = RedisArgs.Text(value);
            }
            else if (RedisArgs.Is(args[i], "USER"))
            {
                // One user, default, whom every client is.
                if (!RedisArgs.Is(value, "default"))
                {
                    return RedisArgs.Error(RespErrors.NoSuchUser, RedisArgs.Text(value));
                }
            }
            else if (RedisArgs.Is(args[i], "SKIPME") && (RedisArgs.Is(value, "YES") || RedisArgs.Is(value, "NO")))
            {
                filter._skipMe = RedisArgs.Is(value, "YES");
            }
            else
            {
                return RedisReply.Syntax;
            }
        }

        return null;
    }

    public bool Matches(RedisSession client, RedisSession caller) =>
        (_address is null || ClientList.Address(client) == _address)
        && (_localAddress is null || ClientList.LocalAddress(client) == _localAddress)
        && (_type is null || ClientList.TypeOf(client) == _type)
        && (_id == 0 || client.Id == _id)
        && !(_skipMe && client == caller);
}
