namespace EdgeNode.Core.Engine;

/// <summary>Kubernetes event types.</summary>
public enum EventSeverity
{
    Normal,
    Warning,
}
