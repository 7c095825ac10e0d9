using System.Runtime.CompilerServices;
using System.Threading.Channels;
using EdgeNode.Core.Api;
using EdgeNode.Core.Pods;
using EdgeNode.Kube.Api;
using EdgeNode.Kube.Models;
using EdgeNode.Kube.Watch;
using Microsoft.Extensions.Logging;

namespace EdgeNode.Kube.Adapters;

public sealed class KubePodApi(KubeApiClient client, TimeProvider time, ILogger logger) : IPodApi
{
    public async IAsyncEnumerable<NodePodSet> WatchNodePodsAsync(string nodeName, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Each snapshot is the whole set, so only the newest one matters to a slow reader.
        var updates = Channel.CreateBounded<NodePodSet>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        var watcher = new ResourceWatcher<Pod>(
            client, new ResourceWatcherOptions { Path = "/api/v1/pods", FieldSelector = $"spec.nodeName={nodeName}" },
            KubeJsonContext.Default.Pod, time, logger);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = Task.Run(async () =>
        {
            try
            {
                await watcher.RunAsync((snapshot, ct) => updates.Writer.WriteAsync(new NodePodSet(snapshot.Items, snapshot.FromList), ct), stop.Token);
            }
            finally
            {
                updates.Writer.TryComplete();
            }
        }, CancellationToken.None);
        try
        {
            await foreach (var update in updates.Reader.ReadAllAsync(cancellationToken))
            {
                yield return update;
            }
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await run;
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    public Task PatchPodStatusAsync(string podNamespace, string name, string mergePatch, CancellationToken cancellationToken) =>
        KubeErrors.CallAsync(() => client.PatchAsync(
            $"/api/v1/namespaces/{podNamespace}/pods/{name}/status", mergePatch, KubePatchTypes.Merge, KubeJsonContext.Default.Pod, cancellationToken));

    public Task DeletePodAsync(string podNamespace, string name, string uid, CancellationToken cancellationToken) =>
        KubeErrors.CallAsync(() => client.DeleteAsync($"/api/v1/namespaces/{podNamespace}/pods/{name}", DeleteOptions.ForTerminatedPod(uid), cancellationToken));

    public Task<Pod?> GetPodAsync(string podNamespace, string name, CancellationToken cancellationToken) =>
        KubeErrors.CallAsync(() => client.GetAsync($"/api/v1/namespaces/{podNamespace}/pods/{name}", KubeJsonContext.Default.Pod, cancellationToken));

    public Task<Pod> CreatePodAsync(Pod pod, CancellationToken cancellationToken) =>
        KubeErrors.CallAsync(() => client.CreateAsync($"/api/v1/namespaces/{pod.Metadata.Namespace ?? "default"}/pods", pod, KubeJsonContext.Default.Pod, cancellationToken));
}
