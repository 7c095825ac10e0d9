namespace EdgeNode.Core.Probes;

public enum ProbeResult
{
    Unknown,
    Success,
    Failure,
}
