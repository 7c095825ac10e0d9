using EdgeNode.Core.Pods;
using EdgeNode.IntegrationTests.Infrastructure;
using Shouldly;

namespace EdgeNode.IntegrationTests.Agent;

public sealed class RestartTests : AgentTestBase
{
    [Fact]
    public async Task ExitedContainer_AlwaysPolicy_RestartsWithGrowingBackoff()
    {
        Bed.WriteManifest("crash.yaml", Pod("crash", """
              containers:
                - {name: crasher, image: docker.io/library/busybox:1.35, command: [sh, -c, "exit 3"]}
            """));
        Bed.StartAgent();

        var pod = await Bed.WaitForPodAsync("crash", p => AgentTestBed.Container(p, "crasher")?.RestartCount >= 3, TimeSpan.FromSeconds(60), "restarted 3 times");

        var crasher = AgentTestBed.Container(pod, "crasher")!;
        var containers = await Bed.Runtime.ListContainersAsync(new Dictionary<string, string> { [PodLabels.PodUid] = pod.Uid }, TestContext.Current.CancellationToken);
        var starts = new List<DateTimeOffset>();
        foreach (var c in containers)
        {
            var status = await Bed.Runtime.ContainerStatusAsync(c.Id, TestContext.Current.CancellationToken);
            starts.Add(status!.CreatedAt);
        }
        // The agent keeps the two newest instances; with restarts at +0 s, +10 s, +20 s the last gap is ≥ 20 s.
        starts.Sort();
        (starts[^1] - starts[^2]).ShouldBeGreaterThan(TimeSpan.FromSeconds(18));
        crasher.LastState!.Terminated!.ExitCode.ShouldBe(3);
        if (crasher.State.Waiting is { } waiting)
        {
            waiting.Reason.ShouldBe("CrashLoopBackOff");
            waiting.Message.ShouldStartWith("back-off 40s restarting failed container=crasher pod=crash-test-node_default(");
        }
    }

    [Fact]
    public async Task SuccessfulExit_OnFailurePolicy_PodSucceedsWithoutRestart()
    {
        Bed.WriteManifest("job.yaml", Pod("job", """
              containers:
                - {name: work, image: docker.io/library/busybox:1.35, command: [sh, -c, "echo done"]}
            """, restartPolicy: "OnFailure"));
        Bed.StartAgent();

        var pod = await Bed.WaitForPodAsync("job", p => p.Status?.Phase == "Succeeded", Startup, "Succeeded");

        var work = AgentTestBed.Container(pod, "work")!;
        work.RestartCount.ShouldBe(0);
        work.State.Terminated!.Reason.ShouldBe("Completed");
        pod.Status!.Conditions!.Single(c => c.Type == "Ready").Reason.ShouldBe("PodCompleted");
        var sandboxes = await Bed.Runtime.ListPodSandboxesAsync(new Dictionary<string, string> { [PodLabels.PodUid] = pod.Uid }, TestContext.Current.CancellationToken);
        sandboxes.ShouldAllBe(s => s.State == EdgeNode.Core.Runtime.SandboxState.NotReady);
    }

    [Fact]
    public async Task FailedExit_NeverPolicy_PodFailsWithoutRestart()
    {
        Bed.WriteManifest("once.yaml", Pod("once", """
              containers:
                - {name: work, image: docker.io/library/busybox:1.35, command: [sh, -c, "exit 7"]}
            """, restartPolicy: "Never"));
        Bed.StartAgent();

        var pod = await Bed.WaitForPodAsync("once", p => p.Status?.Phase == "Failed", Startup, "Failed");
        await Task.Delay(3000, TestContext.Current.CancellationToken);
        pod = (await Bed.PodsAsync()).Single(p => p.Uid == pod.Uid);

        var work = AgentTestBed.Container(pod, "work")!;
        work.RestartCount.ShouldBe(0);
        work.State.Terminated!.ExitCode.ShouldBe(7);
        work.State.Terminated.Reason.ShouldBe("Error");
    }
}
