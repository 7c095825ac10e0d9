namespace EdgeNode.Kube.Watch;

/// <summary>The <c>type</c> of a watch event.</summary>
public enum WatchEventType
{
    Added,
    Modified,
    Deleted,

    /// <summary>Only a newer resourceVersion (<c>allowWatchBookmarks=true</c>); the object carries nothing else.</summary>
    Bookmark,

    /// <summary>The watch failed; <see cref="WatchEvent{T}.Error"/> holds the API's Status (code 410 = resourceVersion too old).</summary>
    Error,
}
