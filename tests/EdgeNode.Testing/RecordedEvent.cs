using EdgeNode.Core.Engine;
using EdgeNode.Core.Pods;

namespace EdgeNode.Testing;

public sealed record RecordedEvent(DesiredPod Pod, EventSeverity Severity, string Reason, string Message);
