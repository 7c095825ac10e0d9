namespace EdgeNode.Core.Runtime;

public sealed record DnsSettings(IReadOnlyList<string> Servers, IReadOnlyList<string> Searches, IReadOnlyList<string> Options);
