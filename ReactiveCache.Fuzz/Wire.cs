namespace ReactiveCache.Fuzz;

/// <summary>The three protocols the server speaks, one port each.</summary>
internal enum Wire
{
    Native,
    Resp,
    Memcached,
}
