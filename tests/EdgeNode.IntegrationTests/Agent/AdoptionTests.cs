using EdgeNode.Core.Pods;
using EdgeNode.Core.Runtime;
using EdgeNode.IntegrationTests.Infrastructure;
using Shouldly;

namespace EdgeNode.IntegrationTests.Agent;

public sealed class AdoptionTests : AgentTestBase
{
    [Fact]
    public async Task AgentKilledWithSigkill_NewAgent_AdoptsContainersWithoutRestarting()
    {
        Bed.WriteManifest("steady.yaml", Pod("steady", """
              initContainers:
                - {name: setup, image: docker.io/library/busybox:1.35, command: [sh, -c, "echo ok"]}
              containers:
                - {name: app, image: docker.io/library/busybox:1.35, command: [sleep, "100000"]}
            """));
        Bed.WriteManifest("crash.yaml", Pod("crash", """
              containers:
                - {name: crasher, image: docker.io/library/busybox:1.35, command: [sh, -c, "exit 1"]}
            """));
        var first = Bed.StartAgent();
        var steady = await Bed.WaitForPodAsync("steady", AgentTestBed.IsReady, Startup, "ready");
        var crash = await Bed.WaitForPodAsync("crash", p => AgentTestBed.Container(p, "crasher")?.RestartCount >= 2, TimeSpan.FromSeconds(40), "restarted twice");
        var before = await RunningContainersAsync();

        await first.KillHardAsync();
        Bed.StartAgent();
        var adopted = await Bed.WaitForPodAsync("steady", AgentTestBed.IsReady, Startup, "ready after the restart");
        await Task.Delay(3000, TestContext.Current.CancellationToken);
        adopted = (await Bed.PodsAsync()).Single(p => p.Uid == adopted.Uid);
        var crashAfter = (await Bed.PodsAsync()).Single(p => p.Uid == crash.Uid);

        adopted.Uid.ShouldBe(steady.Uid);
        AgentTestBed.Container(adopted, "app")!.ContainerID.ShouldBe(AgentTestBed.Container(steady, "app")!.ContainerID);
        AgentTestBed.Container(adopted, "app")!.RestartCount.ShouldBe(0);
        AgentTestBed.Container(adopted, "setup")!.State.Terminated!.ExitCode.ShouldBe(0);
        (await RunningContainersAsync()).Where(c => c.Labels[PodLabels.PodUid] == steady.Uid).Select(c => c.Id)
            .ShouldBe(before.Where(c => c.Labels[PodLabels.PodUid] == steady.Uid).Select(c => c.Id));
        AgentTestBed.Container(crashAfter, "crasher")!.RestartCount.ShouldBeGreaterThanOrEqualTo(AgentTestBed.Container(crash, "crasher")!.RestartCount);
        Bed.Agent!.Log().ShouldNotContain("reason=Created: Created container: app");
    }

    [Fact]
    public async Task ChangedManifest_ReplacesPodWithNewUid()
    {
        Bed.WriteManifest("app.yaml", Pod("app", """
              containers:
                - {name: app, image: docker.io/library/busybox:1.35, command: [sleep, "100000"]}
            """, grace: 2));
        Bed.StartAgent();
        var original = await Bed.WaitForPodAsync("app", AgentTestBed.IsReady, Startup, "ready");

        Bed.WriteManifest("app.yaml", Pod("app", """
              containers:
                - {name: app, image: docker.io/library/busybox:1.35, command: [sleep, "200000"]}
            """, grace: 2));

        var replaced = await Bed.WaitForPodAsync("app", p => p.Uid != original.Uid && AgentTestBed.IsReady(p), Startup, "replaced");
        await Eventually.TrueAsync(
            () => Bed.Runtime.ListPodSandboxesAsync(new Dictionary<string, string> { [PodLabels.PodUid] = original.Uid }, TestContext.Current.CancellationToken).Result.Count == 0,
            "the old pod is removed");
        replaced.Name.ShouldBe(original.Name);
    }

    private async Task<List<ContainerInfo>> RunningContainersAsync() =>
        (await Bed.Runtime.ListContainersAsync(new Dictionary<string, string> { [PodLabels.ManagedBy] = "true" }, TestContext.Current.CancellationToken))
            .Where(c => c.State == ContainerRunState.Running).OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
}
