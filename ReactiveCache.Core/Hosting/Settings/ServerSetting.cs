namespace ReactiveCache.Hosting.Settings;

/// <summary>
/// One row of <see cref="ServerSettings.All"/>: a setting's names in every place it can be given, its default, how its
/// text is checked, and where it lands in <see cref="CacheServerOptions"/>. Everything is text at this level: the
/// command line, the config file, the environment and CONFIG GET/SET/REWRITE all speak the same words.
/// <see cref="Name"/> is the command line's name without the dashes, which is also the config file's directive
/// (<c>resp-port</c>); <see cref="DefaultText"/> is the value used when no layer gives one (what <c>--help</c> shows).
/// </summary>
internal abstract record ServerSetting(string Name, string Description, string DefaultText)
{
    /// <summary>
    /// What CONFIG GET/SET call it over RESP: Redis's name where Redis has the setting (<c>resp-port</c> is <c>port</c>,
    /// <c>max-clients</c> is <c>maxclients</c>), else <see cref="Name"/>.
    /// </summary>
    public string ConfigName { get; init; } = Name;

    /// <summary>Whether CONFIG SET changes it while the server runs (ConfigCommands knows how); otherwise it is immutable there.</summary>
    public bool Live { get; init; }

    /// <summary>Whether repeating it adds to it (client-output-buffer-limit's classes) instead of replacing it.</summary>
    public bool Repeatable { get; init; }

    /// <summary>The key in the layered configuration: '-' becomes '_', so REACTIVECACHE_RESP_PORT and <c>resp-port</c> meet.</summary>
    public string Key => Name.Replace('-', '_');

    /// <summary>The environment variable that sets it (<c>REACTIVECACHE_RESP_PORT</c>).</summary>
    public string EnvironmentVariable => ServerSettings.EnvironmentPrefix + Key.ToUpperInvariant();

    /// <summary>Checks <paramref name="text"/>; the reason, when it fails, reads after "name: ".</summary>
    public abstract bool TryCheck(string text, out string reason);

    /// <summary><paramref name="options"/> with this setting's value read from <paramref name="text"/> (checked before).</summary>
    public abstract CacheServerOptions Apply(CacheServerOptions options, string text);

    /// <summary>This setting's value in <paramref name="options"/>, as text this setting reads back.</summary>
    public abstract string Read(CacheServerOptions options);

    /// <summary>The text in its one canonical spelling (<c>64mb</c> and <c>67108864</c> are the same), or null when invalid.</summary>
    public string? Canonical(string text) =>
        TryCheck(text, out _) ? Read(Apply(new CacheServerOptions(), text)) : null;
}

/// <summary>A setting of type <typeparamref name="T"/>: its parser and where the value goes.</summary>
internal sealed record ServerSetting<T>(
    string Name,
    string Description,
    SettingType<T> Type,
    T DefaultValue,
    Func<CacheServerOptions, T, CacheServerOptions> ApplyValue,
    Func<CacheServerOptions, T> ReadValue) : ServerSetting(Name, Description, Type.Format(DefaultValue))
{
    public override bool TryCheck(string text, out string reason) => Type.TryParse(text, out _, out reason);

    public override CacheServerOptions Apply(CacheServerOptions options, string text) =>
        Type.TryParse(text, out var value, out var reason) ? ApplyValue(options, value) : throw new FormatException($"{Name}: {reason}");

    public override string Read(CacheServerOptions options) => Type.Format(ReadValue(options));

    /// <summary>The parsed value of <paramref name="text"/> (checked before).</summary>
    public T Parse(string text) => Type.TryParse(text, out var value, out var reason) ? value : throw new FormatException($"{Name}: {reason}");
}
