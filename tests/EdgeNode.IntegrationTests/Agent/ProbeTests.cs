using EdgeNode.IntegrationTests.Infrastructure;
using Shouldly;

namespace EdgeNode.IntegrationTests.Agent;

public sealed class ProbeTests : AgentTestBase
{
    [Fact]
    public async Task FailingLivenessProbe_RestartsContainer()
    {
        Bed.WriteManifest("sick.yaml", Pod("sick", """
              containers:
                - name: app
                  image: docker.io/library/busybox:1.35
                  command: [sh, -c, "touch /tmp/healthy; sleep 3; rm /tmp/healthy; exec sleep 100000"]
                  livenessProbe:
                    exec: {command: [cat, /tmp/healthy]}
                    periodSeconds: 1
                    failureThreshold: 2
            """, grace: 2));
        Bed.StartAgent();

        var pod = await Bed.WaitForPodAsync("sick", p => AgentTestBed.Container(p, "app")?.RestartCount >= 1, TimeSpan.FromSeconds(45), "restarted by its liveness probe");

        var app = AgentTestBed.Container(pod, "app")!;
        app.LastState!.Terminated.ShouldNotBeNull();
        Bed.Agent!.Log().ShouldContain("reason=Killing: Container app failed liveness probe, will be restarted");
        Bed.Agent.Log().ShouldContain("reason=Unhealthy: Liveness probe failed");
    }

    [Fact]
    public async Task FailingReadinessProbe_PodRunsButIsNotReady()
    {
        Bed.WriteManifest("unready.yaml", Pod("unready", """
              containers:
                - name: app
                  image: docker.io/library/busybox:1.35
                  command: [sleep, "100000"]
                  readinessProbe:
                    exec: {command: ["false"]}
                    periodSeconds: 1
                    failureThreshold: 1
            """));
        Bed.StartAgent();

        var pod = await Bed.WaitForPodAsync("unready", p => AgentTestBed.Container(p, "app")?.State.Running is not null, Startup, "running");
        await Task.Delay(3000, TestContext.Current.CancellationToken);
        pod = (await Bed.PodsAsync()).Single(p => p.Uid == pod.Uid);

        pod.Status!.Phase.ShouldBe("Running");
        AgentTestBed.Container(pod, "app")!.Ready.ShouldBeFalse();
        AgentTestBed.Container(pod, "app")!.RestartCount.ShouldBe(0);
        var ready = pod.Status.Conditions!.Single(c => c.Type == "Ready");
        ready.Status.ShouldBe("False");
        ready.Reason.ShouldBe("ContainersNotReady");
        ready.Message.ShouldBe("containers with unready status: [app]");
    }

    [Fact]
    public async Task WebPod_HttpReadinessProbe_ReadyAndAnswersOnPodIp()
    {
        Bed.WriteManifest("web.yaml", File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", "manifests", "web.yaml")));
        Bed.StartAgent();

        var pod = await Bed.WaitForPodAsync("web", AgentTestBed.IsReady, Startup, "ready");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var body = await http.GetStringAsync($"http://{pod.Status!.PodIP}/", TestContext.Current.CancellationToken);
        body.ShouldContain("Hello from EdgeNode");
        pod.Status.QosClass.ShouldBe("Burstable");
    }
}
