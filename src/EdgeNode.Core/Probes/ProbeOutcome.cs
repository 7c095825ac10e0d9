namespace EdgeNode.Core.Probes;

/// <summary>One probe attempt: success or failure, and what the handler said (for the Unhealthy event).</summary>
public sealed record ProbeOutcome(bool Success, string Output);
