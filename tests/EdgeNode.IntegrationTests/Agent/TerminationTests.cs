using System.Diagnostics;
using EdgeNode.Core.Pods;
using EdgeNode.Core.Runtime;
using EdgeNode.IntegrationTests.Infrastructure;
using Shouldly;

namespace EdgeNode.IntegrationTests.Agent;

public sealed class TerminationTests : AgentTestBase
{
    [Fact]
    public async Task RemovedManifest_TermIgnoringContainer_KilledAtGraceDeadlineAndPodRemoved()
    {
        Bed.WriteManifest("stubborn.yaml", Pod("stubborn", """
              containers:
                - {name: app, image: docker.io/library/busybox:1.35, command: [sh, -c, "trap '' TERM; while true; do sleep 1; done"]}
                - {name: polite, image: docker.io/library/busybox:1.35, command: [sleep, "100000"]}
            """, grace: 4));
        Bed.StartAgent();
        var pod = await Bed.WaitForPodAsync("stubborn", AgentTestBed.IsReady, Startup, "ready");
        var selector = new Dictionary<string, string> { [PodLabels.PodUid] = pod.Uid };
        var app = (await Bed.Runtime.ListContainersAsync(selector, TestContext.Current.CancellationToken)).Single(c => c.Name == "app");

        var watch = Stopwatch.StartNew();
        Bed.RemoveManifest("stubborn.yaml");
        var status = await Eventually.ValueAsync(async () =>
            await Bed.Runtime.ContainerStatusAsync(app.Id, TestContext.Current.CancellationToken) is { State: ContainerRunState.Exited } s ? s : null,
            "the TERM-ignoring container exited", TimeSpan.FromSeconds(30));
        var stoppedAfter = watch.Elapsed;

        status.ExitCode.ShouldBe(137);
        (status.FinishedAt!.Value - status.StartedAt!.Value).ShouldBeGreaterThan(TimeSpan.FromSeconds(4));
        stoppedAfter.ShouldBeLessThan(TimeSpan.FromSeconds(4 + 1 + 3)); // grace + slack + file-watch latency
        await Eventually.TrueAsync(
            () => Bed.Runtime.ListPodSandboxesAsync(selector, TestContext.Current.CancellationToken).Result.Count == 0,
            "the pod's sandbox is removed");
        (await Bed.Runtime.ListContainersAsync(selector, TestContext.Current.CancellationToken)).ShouldBeEmpty();
        Directory.Exists(Path.Combine(Bed.PodLogs, $"default_{pod.Name}_{pod.Uid}")).ShouldBeFalse();
    }

    [Fact]
    public async Task RemovedManifest_PreStopHook_RunsBeforeTheContainerStops()
    {
        var marker = Path.Combine(Bed.Directory, "hook");
        Directory.CreateDirectory(marker);
        Bed.WriteManifest("hooked.yaml", Pod("hooked", $$$"""
              containers:
                - name: app
                  image: docker.io/library/busybox:1.35
                  command: [sleep, "100000"]
                  volumeMounts: [{name: out, mountPath: /out}]
                  lifecycle:
                    preStop:
                      exec: {command: [sh, -c, "echo pre-stop ran > /out/pre-stop"]}
              volumes:
                - {name: out, hostPath: {path: {{{marker}}}, type: Directory}}
            """, grace: 10));
        Bed.StartAgent();
        await Bed.WaitForPodAsync("hooked", AgentTestBed.IsReady, Startup, "ready");

        Bed.RemoveManifest("hooked.yaml");

        await Eventually.TrueAsync(() => File.Exists(Path.Combine(marker, "pre-stop")), "the preStop hook wrote its file");
        File.ReadAllText(Path.Combine(marker, "pre-stop")).Trim().ShouldBe("pre-stop ran");
    }
}
