namespace EdgeNode.Kube.Watch;

/// <summary>
/// What <see cref="ResourceWatcher{T}"/> hands its consumer after the first list and after every change:
/// the whole current set (ordered by <c>namespace/name</c>) and what changed since the previous snapshot.
/// </summary>
public sealed record ResourceSnapshot<T>(
    IReadOnlyList<T> Items,
    IReadOnlyList<ResourceChange<T>> Changes,
    string ResourceVersion,
    bool FromList)
    where T : class;
