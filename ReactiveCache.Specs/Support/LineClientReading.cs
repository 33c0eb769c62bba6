namespace ReactiveCache.Specs.Support;

/// <summary>Reading multi-line replies (memcached's <c>VALUE ... END</c>, a meta pipeline up to <c>MN</c>).</summary>
internal static class LineClientReading
{
    /// <summary>Reads lines up to and including the one equal to <paramref name="last"/>.</summary>
    public static async Task<IReadOnlyList<string>> ReadUntilAsync(this LineClient client, string last)
    {
        var lines = new List<string>();
        do
        {
            lines.Add(await client.ReadLineAsync() ?? throw new EndOfStreamException("the server closed the connection"));
        }
        while (lines[^1] != last);

        return lines;
    }
}
