namespace EdgeNode.Testing;

/// <summary>One call the code under test made on <see cref="FakeCriRuntime"/>.</summary>
/// <param name="Method">The interface method's name, e.g. <c>nameof(IContainerRuntime.StopContainerAsync)</c>.</param>
/// <param name="Target">The sandbox/container ID or image the call was about (empty for list calls).</param>
/// <param name="Timeout">The stop/exec timeout, for calls that take one.</param>
public sealed record CriCall(string Method, string Target, TimeSpan? Timeout = null);
