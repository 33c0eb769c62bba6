namespace ReactiveCache.Commands;

/// <summary>
/// One command a Redis client ran, as MONITOR shows it (<see cref="Hosting.CacheServer.Monitor"/>): when it ran, in which
/// database, from which client, with which arguments (the name first; secrets such as AUTH's password replaced by
/// <c>(redacted)</c>, as Redis does).
/// </summary>
/// <param name="Time">When the command finished, on the store's clock.</param>
/// <param name="Database">The database the client had selected.</param>
/// <param name="Client">The client's address, <c>ip:port</c> (<c>[ip]:port</c> for IPv6).</param>
/// <param name="Arguments">The command's name and arguments as sent; the memory is the server's, read it, never change it.</param>
public sealed record MonitoredCommand(DateTimeOffset Time, int Database, string Client, IReadOnlyList<ReadOnlyMemory<byte>> Arguments);
