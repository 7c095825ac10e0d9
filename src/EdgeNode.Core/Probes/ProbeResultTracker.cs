namespace EdgeNode.Core.Probes;

/// <summary>
/// Turns single probe attempts into a result: it flips only after failureThreshold consecutive
/// failures or successThreshold consecutive successes.
/// </summary>
public sealed class ProbeResultTracker(ProbeType type, int successThreshold, int failureThreshold)
{
    private int _successes;
    private int _failures;

    public ProbeResult Result { get; private set; } = type switch
    {
        ProbeType.Liveness => ProbeResult.Success,
        ProbeType.Readiness => ProbeResult.Failure,
        _ => ProbeResult.Unknown,
    };

    /// <summary>Records an attempt; returns true when <see cref="Result"/> changed.</summary>
    public bool Record(bool success)
    {
        var before = Result;
        if (success)
        {
            _failures = 0;
            if (++_successes >= successThreshold)
            {
                Result = ProbeResult.Success;
            }
        }
        else
        {
            _successes = 0;
            if (++_failures >= failureThreshold)
            {
                Result = ProbeResult.Failure;
            }
        }
        return Result != before;
    }
}
