namespace EdgeNode.Kube.Api;

/// <summary>The items of a LIST and the resourceVersion to start a watch from.</summary>
public sealed record KubeList<T>(string ResourceVersion, IReadOnlyList<T> Items);
