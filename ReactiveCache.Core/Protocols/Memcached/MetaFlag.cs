namespace ReactiveCache.Protocols.Memcached;

/// <summary>One meta flag: a letter and the token glued to it (<c>T30</c> is T with "30"; <c>v</c> has "").</summary>
internal readonly record struct MetaFlag(char Flag, string Token);
