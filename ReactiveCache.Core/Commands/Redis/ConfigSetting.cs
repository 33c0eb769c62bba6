namespace ReactiveCache.Commands.Redis;

/// <summary>
/// One setting of the server's table (Hosting/Settings) as CONFIG sees it: its name over RESP, whether CONFIG SET may
/// change it on a running server, and its value at start (what CONFIG GET answers when no command changes it).
/// </summary>
internal sealed record ConfigSetting(string Name, bool Live, string StartValue);
