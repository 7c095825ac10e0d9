namespace EdgeNode.Core.Probes;

public enum ProbeType
{
    Liveness,
    Readiness,
    Startup,
}
