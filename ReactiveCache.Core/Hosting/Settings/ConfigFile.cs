namespace ReactiveCache.Hosting.Settings;

/// <summary>One directive of a config file: where it is, its name (lower case) and its arguments.</summary>
internal sealed record ConfigDirective(int Line, string Name, IReadOnlyList<string> Arguments)
{
    /// <summary>The arguments as one value, as the command line joins a repeated option's words.</summary>
    public string Value => string.Join(' ', Arguments);
}

/// <summary>
/// A config file in redis.conf's syntax whose directives are <see cref="ServerSettings"/>' names (<c>resp-port 6400</c>).
/// Reading it checks every line: an unknown directive or a bad value is an error naming the file and line.
/// </summary>
internal static class ConfigFile
{
    /// <summary>Every directive of the file, or false with <c>path:line: reason</c> (or why the file cannot be read).</summary>
    public static bool TryReadDirectives(string path, out List<ConfigDirective> directives, out string error)
    {
        directives = [];
        if (!ConfigFileSyntax.TryReadLines(path, out var lines, out error))
        {
            return false;
        }

        for (var i = 0; i < lines.Length; i++)
        {
            if (!ConfigFileSyntax.IsDirective(lines[i]))
            {
                continue;
            }

            if (!ConfigFileSyntax.TrySplit(lines[i], out var words, out var reason))
            {
                error = $"{path}:{i + 1}: {reason}";
                return false;
            }

            directives.Add(new ConfigDirective(i + 1, words[0].ToLowerInvariant(), words[1..]));
        }

        return true;
    }

    /// <summary>
    /// The file's settings by <see cref="ServerSetting.Key"/>, each with the line it came from (the last one; a
    /// repeatable setting's lines are joined), or false with <c>path:line: reason</c>.
    /// </summary>
    public static bool TryRead(string path, out Dictionary<string, (string Value, int Line)> settings, out string error)
    {
        settings = new(StringComparer.OrdinalIgnoreCase);
        if (!TryReadDirectives(path, out var directives, out error))
        {
            return false;
        }

        foreach (var directive in directives)
        {
            if (!TryCheck(directive, out var setting, out var reason))
            {
                error = $"{path}:{directive.Line}: {reason}";
                return false;
            }

            var value = setting.Repeatable && settings.TryGetValue(setting.Key, out var earlier)
                ? earlier.Value + " " + directive.Value
                : directive.Value;
            settings[setting.Key] = (value, directive.Line);
        }

        return true;
    }

    private static bool TryCheck(ConfigDirective directive, out ServerSetting setting, out string reason)
    {
        setting = null!;
        if (ServerSettings.Find(directive.Name) is not { } known || directive.Name.Contains('_'))
        {
            reason = $"unknown directive '{directive.Name}'";
            return false;
        }

        setting = known;
        if (directive.Arguments.Count == 0 || (!known.Repeatable && directive.Arguments.Count > 1))
        {
            reason = $"{known.Name}: wrong number of arguments ({directive.Arguments.Count}); give one value, quoted if it has spaces";
            return false;
        }

        if (!known.TryCheck(directive.Value, out var invalid))
        {
            reason = $"{known.Name}: {invalid}";
            return false;
        }

        reason = "";
        return true;
    }
}
