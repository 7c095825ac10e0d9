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
        await Eventually.TrueAsync(
            () => Bed.Runtime.ListPodSandboxesAsync(selector, TestContext.Current.CancellationToken).Result.Count == 0,
            "the pod's sandbox is removed", TimeSpan.FromSeconds(30));
        var removedAfter = watch.Elapsed;

        // Both containers ignore SIGTERM (a shell trap, and sleep as PID 1): they go only when killed at the deadline.
        removedAfter.ShouldBeGreaterThan(TimeSpan.FromSeconds(4));
        removedAfter.ShouldBeLessThan(TimeSpan.FromSeconds(4 + 1 + 3)); // grace + slack + file-watch latency
        (await Bed.Runtime.ListContainersAsync(selector, TestContext.Current.CancellationToken)).ShouldBeEmpty();
        (await Bed.Runtime.ContainerStatusAsync(app.Id, TestContext.Current.CancellationToken)).ShouldBeNull();
        await Eventually.TrueAsync(() => !Directory.Exists(Path.Combine(Bed.PodLogs, $"default_{pod.Name}_{pod.Uid}")), "the pod's log directory is removed");
    }

    [Fact]
    public async Task ActiveDeadline_TermIgnoringContainer_KilledWithSigkillAfterGracePeriod()
    {
        Bed.WriteManifest("deadline.yaml", """
            apiVersion: v1
            kind: Pod
            metadata:
              name: deadline
            spec:
              restartPolicy: Never
              activeDeadlineSeconds: 2
              terminationGracePeriodSeconds: 3
              containers:
                - {name: app, image: docker.io/library/busybox:1.35, command: [sh, -c, "trap 'echo got TERM' TERM; while true; do sleep 1; done"]}
            """);
        Bed.StartAgent();

        var pod = await Bed.WaitForPodAsync("deadline", p => p.Status?.Phase == "Failed", Startup, "Failed by its deadline");

        pod.Status!.Reason.ShouldBe("DeadlineExceeded");
        pod.Status.Message.ShouldBe("Pod was active on the node longer than the specified deadline");
        var app = AgentTestBed.Container(pod, "app")!.State.Terminated!;
        app.ExitCode.ShouldBe(137);
        (app.FinishedAt!.Value - app.StartedAt!.Value).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(2 + 3 - 1)); // deadline + grace, whole seconds
        var log = File.ReadAllText(Path.Combine(Bed.PodLogs, $"default_{pod.Name}_{pod.Uid}", "app", "0.log"));
        log.ShouldContain("got TERM");
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

        var file = Path.Combine(marker, "pre-stop");
        await Eventually.TrueAsync(() => File.Exists(file) && File.ReadAllText(file).Trim() == "pre-stop ran", "the preStop hook wrote its file");
    }
}
