namespace EdgeNode.Core.Runtime;

/// <summary>The runtime's RuntimeReady and NetworkReady conditions.</summary>
public sealed record RuntimeHealth(bool RuntimeReady, bool NetworkReady, string Message);
