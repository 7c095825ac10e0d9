namespace EdgeNode.Testing;

/// <summary>
/// Lets background loops that run on fakes settle, without wall-clock waits: yields to the scheduler a
/// bounded number of times until a condition holds, and fails with the description if it never does.
/// </summary>
public static class AsyncWait
{
    public const int DefaultMaxYields = 200_000;

    public static async Task UntilAsync(Func<bool> condition, string description, int maxYields = DefaultMaxYields)
    {
        for (var i = 0; i < maxYields; i++)
        {
            if (condition())
            {
                return;
            }
            await Task.Yield();
        }
        if (!condition())
        {
            throw new InvalidOperationException($"Gave up after {maxYields} yields waiting for: {description}");
        }
    }
}
