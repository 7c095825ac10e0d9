namespace EdgeNode.Core.Nodes;

/// <summary>A node event (NodeReady, NodeHasSufficientMemory, Rebooted …) to record.</summary>
public sealed record NodeEvent(bool Warning, string Reason, string Message);
