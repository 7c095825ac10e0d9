namespace EdgeNode.Core.Engine;

public enum QosClass
{
    Guaranteed,
    Burstable,
    BestEffort,
}
