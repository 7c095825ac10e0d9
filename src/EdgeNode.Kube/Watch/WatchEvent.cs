using EdgeNode.Kube.Models;

namespace EdgeNode.Kube.Watch;

/// <summary>One line of a watch stream: <c>{"type":"ADDED|MODIFIED|DELETED|BOOKMARK|ERROR","object":{…}}</c>.</summary>
public sealed record WatchEvent<T>
    where T : class
{
    public required WatchEventType Type { get; init; }

    /// <summary>The object (for a bookmark only its metadata is meaningful); null for <see cref="WatchEventType.Error"/>.</summary>
    public T? Object { get; init; }

    /// <summary>The Status of an <see cref="WatchEventType.Error"/> event.</summary>
    public Status? Error { get; init; }

    /// <summary>The object's <c>metadata.resourceVersion</c>.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>The object's <c>metadata.namespace</c>.</summary>
    public string? Namespace { get; init; }

    /// <summary>The object's <c>metadata.name</c>.</summary>
    public string? Name { get; init; }
}
