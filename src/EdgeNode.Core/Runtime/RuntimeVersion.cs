namespace EdgeNode.Core.Runtime;

public sealed record RuntimeVersion(string RuntimeName, string Version, string ApiVersion);
