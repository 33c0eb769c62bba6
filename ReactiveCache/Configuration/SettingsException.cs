namespace ReactiveCache.Configuration;

/// <summary>A setting that cannot be used (a bad file line, an unreadable file, a bad environment variable): a usage error.</summary>
internal sealed class SettingsException(string message) : Exception(message);
