using EdgeNode.IntegrationTests.Infrastructure;
using Shouldly;

namespace EdgeNode.IntegrationTests.Agent;

public sealed class InitContainerTests : AgentTestBase
{
    [Fact]
    public async Task InitContainers_TwoInOrder_RunBeforeAppAndLogToCriFiles()
    {
        Bed.WriteManifest("init.yaml", Pod("init", """
              initContainers:
                - {name: first, image: docker.io/library/busybox:1.35, command: [sh, -c, "echo first >> /data/order; sleep 1"], volumeMounts: [{name: data, mountPath: /data}]}
                - {name: second, image: docker.io/library/busybox:1.35, command: [sh, -c, "echo second >> /data/order"], volumeMounts: [{name: data, mountPath: /data}]}
              containers:
                - {name: app, image: docker.io/library/busybox:1.35, command: [sh, -c, "cat /data/order; echo app-started; exec sleep 100000"], volumeMounts: [{name: data, mountPath: /data}]}
              volumes:
                - {name: data, emptyDir: {}}
            """));
        Bed.StartAgent();

        var pod = await Bed.WaitForPodAsync("init", AgentTestBed.IsReady, Startup, "ready");

        pod.Status!.Phase.ShouldBe("Running");
        AgentTestBed.Container(pod, "first")!.State.Terminated!.Reason.ShouldBe("Completed");
        AgentTestBed.Container(pod, "second")!.State.Terminated!.ExitCode.ShouldBe(0);
        var logDirectory = Path.Combine(Bed.PodLogs, $"default_{pod.Name}_{pod.Uid}");
        var appLog = Path.Combine(logDirectory, "app", "0.log");
        await Eventually.TrueAsync(() => File.Exists(appLog) && File.ReadAllText(appLog).Contains("app-started"), "the app log has its output");
        var lines = File.ReadAllLines(appLog);
        lines.Select(l => l.Split(' ', 4)[3]).ShouldBe(["first", "second", "app-started"]);
        foreach (var fields in lines.Select(l => l.Split(' ')))
        {
            DateTimeOffset.TryParse(fields[0], out var _).ShouldBeTrue();
            fields[1].ShouldBe("stdout");
            fields[2].ShouldBe("F");
        }
        File.Exists(Path.Combine(logDirectory, "first", "0.log")).ShouldBeTrue();
    }
}
