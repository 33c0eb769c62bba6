using System.Globalization;
using System.Text;

namespace ReactiveCache.Hosting.Settings;

/// <summary>
/// redis.conf's syntax, as config.c reads it: one directive per line, words split as sdssplitargs splits them
/// ("..." with \n \r \t \b \a \\ \" and \xHH escapes, '...' with \'), blank lines and lines starting with # skipped.
/// A # after a word is part of the word, as in Redis. Limits keep a hostile file from costing more than its size.
/// </summary>
internal static class ConfigFileSyntax
{
    /// <summary>The longest line read; redis.conf has no limit, but no setting needs a megabyte.</summary>
    public const int MaxLineLength = 1024 * 1024;

    /// <summary>The most characters read, so a device (/dev/zero) or a huge file is refused instead of filling memory.</summary>
    public const int MaxFileLength = 32 * 1024 * 1024;

    /// <summary>The most words one directive may have (client-output-buffer-limit with every class is 13).</summary>
    public const int MaxWords = 64;

    /// <summary>Reads every line of <paramref name="path"/>, or says in <paramref name="error"/> why it cannot.</summary>
    public static bool TryReadLines(string path, out string[] lines, out string error)
    {
        lines = [];
        error = "";
        try
        {
            if (Directory.Exists(path))
            {
                error = $"cannot read config file '{path}': it is a directory";
                return false;
            }

            if (!File.Exists(path))
            {
                error = $"cannot read config file '{path}': no such file";
                return false;
            }

            // Read by length, not by line: a device's length says nothing, and one endless line must stop too.
            using var reader = new StreamReader(path, Encoding.UTF8);
            var text = new StringBuilder();
            var chunk = new char[64 * 1024];
            for (var read = reader.Read(chunk); read > 0; read = reader.Read(chunk))
            {
                text.Append(chunk, 0, read);
                if (text.Length > MaxFileLength)
                {
                    error = $"cannot read config file '{path}': longer than {MaxFileLength} characters";
                    return false;
                }
            }

            lines = text.ToString().Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
            if (lines.Length > 0 && lines[^1].Length == 0)
            {
                lines = lines[..^1];
            }

            return true;
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            error = $"cannot read config file '{path}': {failure.Message}";
            return false;
        }
    }

    /// <summary>Whether <paramref name="line"/> holds a directive (not blank, not a comment).</summary>
    public static bool IsDirective(string line)
    {
        // The splitter's own whitespace (form feeds, non-breaking spaces too), so a directive always has a first word.
        var trimmed = line.AsSpan().Trim();
        return trimmed.Length > 0 && trimmed[0] != '#';
    }

    /// <summary>
    /// The words of one directive line (the first is the name, lower-cased by the caller), or false with the reason
    /// (unbalanced quotes, a NUL, too long, too many words).
    /// </summary>
    public static bool TrySplit(string line, out List<string> words, out string error)
    {
        words = [];
        error = "";
        if (line.Length > MaxLineLength)
        {
            error = $"line longer than {MaxLineLength} characters";
            return false;
        }

        if (line.Contains('\0'))
        {
            error = "line holds a NUL character";
            return false;
        }

        var position = 0;
        while (true)
        {
            while (position < line.Length && char.IsWhiteSpace(line[position]))
            {
                position++;
            }

            if (position == line.Length)
            {
                return true;
            }

            if (words.Count == MaxWords)
            {
                error = $"more than {MaxWords} arguments";
                return false;
            }

            if (!TryReadWord(line, ref position, out var word))
            {
                error = "unbalanced quotes in configuration line";
                return false;
            }

            words.Add(word);
        }
    }

    /// <summary>A word as a config file writes it: bare when it can be, else double-quoted with escapes.</summary>
    public static string Quote(string word)
    {
        if (word.Length > 0 && !word.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '\\' || char.IsControl(c)) && word[0] != '#')
        {
            return word;
        }

        var quoted = new StringBuilder("\"");
        foreach (var c in word)
        {
            quoted.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) && c < 0x100 => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }

    private static bool TryReadWord(string line, ref int position, out string word)
    {
        var text = new StringBuilder();
        var quote = '\0';
        word = "";
        while (true)
        {
            if (position == line.Length)
            {
                word = text.ToString();
                return quote == '\0';
            }

            var c = line[position];
            if (quote == '\0')
            {
                if (char.IsWhiteSpace(c))
                {
                    word = text.ToString();
                    return true;
                }

                if (c is '"' or '\'')
                {
                    quote = c;
                }
                else
                {
                    text.Append(c);
                }

                position++;
                continue;
            }

            if (c == quote)
            {
                // A closing quote must be followed by a space or the end of the line (sdssplitargs).
                position++;
                if (position < line.Length && !char.IsWhiteSpace(line[position]))
                {
                    return false;
                }

                word = text.ToString();
                return true;
            }

            position += ReadQuoted(line, position, quote, text);
        }
    }

    // One character (or escape) inside quotes; how many characters of the line it took.
    private static int ReadQuoted(string line, int position, char quote, StringBuilder text)
    {
        var c = line[position];
        var next = position + 1 < line.Length ? line[position + 1] : '\0';
        if (c != '\\' || position + 1 == line.Length)
        {
            text.Append(c);
            return 1;
        }

        if (quote == '\'')
        {
            text.Append(next == '\'' ? '\'' : '\\');
            return next == '\'' ? 2 : 1;
        }

        if (next == 'x' && position + 3 < line.Length
            && byte.TryParse(line.AsSpan(position + 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            text.Append((char)hex);
            return 4;
        }

        text.Append(next switch { 'n' => '\n', 'r' => '\r', 't' => '\t', 'b' => '\b', 'a' => '\a', _ => next });
        return 2;
    }
}
