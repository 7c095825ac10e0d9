namespace EdgeNode.Kube.Watch;

/// <summary>One object that changed; for <see cref="ResourceChangeType.Deleted"/> its last known state.</summary>
public sealed record ResourceChange<T>(ResourceChangeType Type, string Key, T Object)
    where T : class;
