namespace EdgeNode.Testing;

/// <summary>
/// Lets background loops that run on fakes settle without wall-clock waits: yields to the scheduler until
/// a condition holds. It gives up (and fails with the description) only after a bounded number of yields
/// in a row during which the fakes reported no progress at all, so a slow first run (JIT) does not fail
/// a test while a stuck one still does.
/// </summary>
public static class AsyncWait
{
    public const int DefaultMaxIdleYields = 5_000_000;

    public static async Task UntilAsync(Func<bool> condition, string description, ProgressSignal? progress = null, int maxIdleYields = DefaultMaxIdleYields)
    {
        var seen = progress?.Version ?? 0;
        var idle = 0;
        while (!condition())
        {
            if (++idle > maxIdleYields)
            {
                throw new InvalidOperationException($"Gave up after {maxIdleYields} yields without progress waiting for: {description}");
            }
            await Task.Yield();
            var version = progress?.Version ?? 0;
            if (version != seen)
            {
                seen = version;
                idle = 0;
            }
        }
    }
}
