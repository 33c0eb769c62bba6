namespace ReactiveCache.Specs.Support;

/// <summary>
/// Waits for a condition another process brings about (a proxy that ejects a node, a port that opens), checking it
/// every few milliseconds until it holds or <c>timeout</c> passes: no fixed sleep, no timing assertion.
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(20);

    public static async Task ThatAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe) =>
        await ThatAsync(() => Task.FromResult(condition()), timeout, describe);

    public static async Task ThatAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!await condition())
        {
            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"not within {timeout}: {describe()}");
            }

            await Task.Delay(s_poll);
        }
    }
}
