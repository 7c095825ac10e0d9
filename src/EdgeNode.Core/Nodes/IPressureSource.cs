namespace EdgeNode.Core.Nodes;

/// <summary>
/// The seam between node conditions and whatever decides pressure: basic procfs/statfs thresholds now,
/// the hardware layer's eviction evaluator later.
/// </summary>
public interface IPressureSource
{
    PressureState Current();
}
