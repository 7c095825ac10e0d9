using EdgeNode.Core.Pods;

namespace EdgeNode.Core.Api;

/// <summary>Pods on the API server: those bound to this node, their status, deletion, mirror pods.</summary>
public interface IPodApi
{
    /// <summary>
    /// The complete set of pods with spec.nodeName = <paramref name="nodeName"/>, again after every change
    /// (list, then watch; re-lists after a 410 and reconnects with back-off on its own).
    /// </summary>
    IAsyncEnumerable<NodePodSet> WatchNodePodsAsync(string nodeName, CancellationToken cancellationToken);

    /// <summary>PATCH pods/&lt;name&gt;/status with a JSON merge patch that carries metadata.uid as a precondition.</summary>
    Task PatchPodStatusAsync(string podNamespace, string name, string mergePatch, CancellationToken cancellationToken);

    /// <summary>The final DELETE: gracePeriodSeconds 0 with a UID precondition. A missing pod is not an error.</summary>
    Task DeletePodAsync(string podNamespace, string name, string uid, CancellationToken cancellationToken);

    /// <summary>Null when the pod does not exist.</summary>
    Task<Pod?> GetPodAsync(string podNamespace, string name, CancellationToken cancellationToken);

    Task<Pod> CreatePodAsync(Pod pod, CancellationToken cancellationToken);
}
