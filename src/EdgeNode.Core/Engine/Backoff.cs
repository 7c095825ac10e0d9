namespace EdgeNode.Core.Engine;

/// <summary>
/// The kubelet's per-key exponential back-off: the first restart is immediate, then the delay starts at
/// <c>initial</c> and doubles up to <c>max</c>; an entry not advanced for <c>resetAfter</c> starts over.
/// Thread-safe.
/// </summary>
public sealed class Backoff(TimeSpan initial, TimeSpan max, TimeSpan resetAfter, TimeProvider time)
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The delay that applies to <paramref name="key"/> now, or zero when it is not backing off.</summary>
    public TimeSpan Current(string key)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(key, out var e) && !Expired(e) ? e.Delay : TimeSpan.Zero;
        }
    }

    /// <summary>True while less than the current delay has passed since <paramref name="since"/> (e.g. a container's finish time).</summary>
    public bool IsInBackoffSince(string key, DateTimeOffset since)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(key, out var e) && !Expired(e) && time.GetUtcNow() - since < e.Delay;
        }
    }

    /// <summary>True while less than the current delay has passed since the last <see cref="Next"/> (image pulls).</summary>
    public bool IsInBackoffSinceUpdate(string key)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(key, out var e) && !Expired(e) && time.GetUtcNow() - e.LastUpdate < e.Delay;
        }
    }

    /// <summary>When the back-off that started at <paramref name="since"/> ends.</summary>
    public DateTimeOffset ReadyAt(string key, DateTimeOffset since) => since + Current(key);

    /// <summary>When the back-off counted from the last <see cref="Next"/> ends.</summary>
    public DateTimeOffset RetryAt(string key)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(key, out var e) ? e.LastUpdate + e.Delay : time.GetUtcNow();
        }
    }

    /// <summary>Records another attempt: creates the entry at the initial delay or doubles it.</summary>
    public void Next(string key)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            _entries[key] = _entries.TryGetValue(key, out var e) && !Expired(e)
                ? new Entry(TimeSpan.FromTicks(Math.Min(e.Delay.Ticks * 2, max.Ticks)), now)
                : new Entry(initial, now);
        }
    }

    public void Reset(string key)
    {
        lock (_lock)
        {
            _entries.Remove(key);
        }
    }

    /// <summary>Forgets every key that starts with <paramref name="prefix"/> (a deleted pod's entries).</summary>
    public void ResetPrefix(string prefix)
    {
        lock (_lock)
        {
            foreach (var key in _entries.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
            {
                _entries.Remove(key);
            }
        }
    }

    private bool Expired(Entry e) => time.GetUtcNow() - e.LastUpdate > resetAfter;

    private readonly record struct Entry(TimeSpan Delay, DateTimeOffset LastUpdate);
}
