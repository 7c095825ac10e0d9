namespace EdgeNode.Testing;

/// <summary>One call the code under test made on <see cref="FakeNodeApi"/>.</summary>
/// <param name="Method">The interface method's name, e.g. <see cref="FakeNodeApi.PatchStatus"/>.</param>
/// <param name="Name">The Node's name (empty for DropConnections).</param>
/// <param name="Body">The created Node as JSON, or the patch.</param>
public sealed record FakeNodeApiCall(string Method, string Name, string? Body = null);
