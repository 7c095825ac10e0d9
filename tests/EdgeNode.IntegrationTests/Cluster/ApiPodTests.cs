using System.Diagnostics;
using System.Text.Json.Nodes;
using EdgeNode.Core.Pods;
using EdgeNode.Core.Runtime;
using EdgeNode.IntegrationTests.Infrastructure;
using Shouldly;

namespace EdgeNode.IntegrationTests.Cluster;

public sealed class ApiPodTests : ClusterTestBase
{
    private static readonly TimeSpan PodStart = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Deployment_PlacedByTheScheduler_RunsReadyWithPodIp_AndDeletionIsGracefulAndFinal()
    {
        StartClusterAgent();
        await WaitForJsonAsync("the node is Ready", n => Condition(n, "Ready") == "True", TimeSpan.FromSeconds(30), "node", AgentTestBed.NodeName);

        await ControlPlane.KubectlAsync("create", "deployment", "web", "--image=docker.io/library/busybox:1.35", "--replicas=2", "--", "httpd", "-f", "-p", "8080", "-h", "/www");
        var pods = await WaitForJsonAsync("both pods are Ready", l => l["items"]!.AsArray().Count == 2 && l["items"]!.AsArray().All(p => Condition(p!, "Ready") == "True"),
            PodStart, "pods", "-l", "app=web");

        foreach (var pod in pods["items"]!.AsArray())
        {
            ((string)pod!["spec"]!["nodeName"]!).ShouldBe(AgentTestBed.NodeName);
            ((string)pod["status"]!["phase"]!).ShouldBe("Running");
            ((string)pod["status"]!["podIP"]!).ShouldStartWith($"10.89.{Bed.Containerd.Index}.");
            ((string)pod["status"]!["hostIP"]!).ShouldBe("127.0.0.1");
            var container = pod["status"]!["containerStatuses"]!.AsArray().Single()!;
            ((string)container["containerID"]!).ShouldStartWith("containerd://");
            ((bool)container["ready"]!).ShouldBeTrue();
            ((string?)container["imageID"]).ShouldNotBeNullOrEmpty();
        }
        var victim = pods["items"]!.AsArray()[0]!;
        var name = (string)victim["metadata"]!["name"]!;
        var uid = (string)victim["metadata"]!["uid"]!;

        var watch = Stopwatch.StartNew();
        await ControlPlane.KubectlAsync("delete", "pod", name, "--grace-period=3", "--wait=true");

        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
        (await Bed.Runtime.ListPodSandboxesAsync(new Dictionary<string, string> { [PodLabels.PodUid] = uid }, TestContext.Current.CancellationToken)).ShouldBeEmpty();
        Bed.Agent!.Log().ShouldContain($"Pod default/{name} is being deleted: stopping it within 3s");
        await WaitForJsonAsync("the replacement is Ready", l => l["items"]!.AsArray().Count(p => Condition(p!, "Ready") == "True") == 2, PodStart, "pods", "-l", "app=web");
    }

    [Fact]
    public async Task CrashingPod_ShowsCrashLoopBackOffWithGrowingBackoffInItsApiStatus()
    {
        StartClusterAgent();
        await ControlPlane.KubectlAsync("run", "crash", "--image=docker.io/library/busybox:1.35", "--restart=Always", "--", "sh", "-c", "exit 2");

        var pod = await WaitForJsonAsync("the pod backs off after restarting twice", p =>
            p["status"]?["containerStatuses"]?[0]?["restartCount"]?.GetValue<int>() >= 2 &&
            (string?)p["status"]?["containerStatuses"]?[0]?["state"]?["waiting"]?["reason"] == "CrashLoopBackOff", PodStart, "pod", "crash");

        var container = pod["status"]!["containerStatuses"]![0]!;
        ((string)container["state"]!["waiting"]!["message"]!).ShouldStartWith("back-off 20s restarting failed container=crash pod=crash_default(");
        ((int)container["lastState"]!["terminated"]!["exitCode"]!).ShouldBe(2);
        ((string)pod["status"]!["phase"]!).ShouldBe("Running");
    }

    [Fact]
    public async Task ApiServerDownForAMinute_PodsKeepRunning_NodeReadyAgainWithinAHeartbeat()
    {
        StartClusterAgent();
        await ControlPlane.KubectlAsync("run", "steady", "--image=docker.io/library/busybox:1.35", "--", "sleep", "100000");
        var pod = await WaitForJsonAsync("the pod is Ready", p => Condition(p, "Ready") == "True", PodStart, "pod", "steady");
        var containerId = ((string)pod["status"]!["containerStatuses"]![0]!["containerID"]!).Split("://")[1];

        await ControlPlane.StopApiServerAsync();
        await Task.Delay(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        var during = await Bed.Runtime.ContainerStatusAsync(containerId, TestContext.Current.CancellationToken);
        await ControlPlane.StartApiServerAsync();
        var back = Stopwatch.StartNew();

        during!.State.ShouldBe(ContainerRunState.Running);
        var node = await WaitForJsonAsync("the node posts Ready again", n => Condition(n, "Ready") == "True" &&
            DateTimeOffset.Parse((string)n["status"]!["conditions"]!.AsArray().Single(c => (string)c!["type"]! == "Ready")!["lastHeartbeatTime"]!,
                System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow - back.Elapsed - TimeSpan.FromSeconds(2),
            TimeSpan.FromSeconds(30), "node", AgentTestBed.NodeName);
        back.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15)); // one 10 s heartbeat plus the API server's own start
        var after = await GetJsonAsync("pod", "steady");
        ((int)after["status"]!["containerStatuses"]![0]!["restartCount"]!).ShouldBe(0);
        ((string)after["status"]!["containerStatuses"]![0]!["containerID"]!).ShouldEndWith(containerId);
        node.ShouldNotBeNull();
    }

    [Fact]
    public async Task AgentRestartedWhileApiServerIsDown_RunsTheCachedPodsWithinSeconds()
    {
        var agent = StartClusterAgent();
        await ControlPlane.KubectlAsync("run", "cached", "--image=docker.io/library/busybox:1.35", "--", "sleep", "100000");
        var pod = await WaitForJsonAsync("the pod is Ready", p => Condition(p, "Ready") == "True", PodStart, "pod", "cached");
        var uid = (string)pod["metadata"]!["uid"]!;

        await agent.KillHardAsync();
        await ControlPlane.StopApiServerAsync();
        // A reboot-like loss of the pod: the new agent must start it from its cache, without an API server.
        foreach (var sandbox in await Bed.Runtime.ListPodSandboxesAsync(new Dictionary<string, string> { [PodLabels.PodUid] = uid }, TestContext.Current.CancellationToken))
        {
            await Bed.Runtime.StopPodSandboxAsync(sandbox.Id, TestContext.Current.CancellationToken);
            await Bed.Runtime.RemovePodSandboxAsync(sandbox.Id, TestContext.Current.CancellationToken);
        }
        var watch = Stopwatch.StartNew();
        StartClusterAgent();

        await Eventually.TrueAsync(() => Bed.Runtime.ListContainersAsync(new Dictionary<string, string> { [PodLabels.PodUid] = uid }, TestContext.Current.CancellationToken)
            .Result.Any(c => c.State == ContainerRunState.Running), "the cached pod runs again", TimeSpan.FromSeconds(30));
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        Bed.Agent!.Log().ShouldContain("The API server does not answer: running the 1 pods cached in");
        await ControlPlane.StartApiServerAsync();
        await WaitForJsonAsync("the pod reports Ready again", p => Condition(p, "Ready") == "True" && (int)p["status"]!["containerStatuses"]![0]!["restartCount"]! >= 1,
            PodStart, "pod", "cached");
    }
}
