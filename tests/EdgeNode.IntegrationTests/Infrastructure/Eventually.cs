using Xunit.Sdk;

namespace EdgeNode.IntegrationTests.Infrastructure;

/// <summary>Polls a condition on a real system until it holds or the time is up.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return;
            }
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        throw new XunitException($"timed out waiting until {what}");
    }

    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        throw new XunitException($"timed out waiting until {what}");
    }
}
