namespace EdgeNode.Bench;

/// <summary>The benchmark cannot go on (agent gone, pod never started); the message says what happened and where to look.</summary>
public sealed class BenchException(string message) : Exception(message);
