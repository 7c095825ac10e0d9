namespace EdgeNode.Core.Nodes;

/// <summary>Whether the node is under memory, disk and PID pressure right now (null = cannot tell).</summary>
public sealed record PressureState(bool? Memory, bool? Disk, bool? Pids);
