using EdgeNode.Agent.Cli;
using EdgeNode.Core.Engine;
using EdgeNode.Core.Pods;
using Shouldly;

namespace EdgeNode.Agent.Tests.Cli;

public sealed class PodTableTests
{
    [Fact]
    public void DisplayStatus_WaitingContainer_ShowsItsReason() =>
        PodTable.DisplayStatus(Report(app: Waiting("CrashLoopBackOff"))).ShouldBe("CrashLoopBackOff");

    [Fact]
    public void DisplayStatus_RunningInit_ShowsInitProgress() =>
        PodTable.DisplayStatus(Report(app: Waiting("PodInitializing"), init: new ContainerStatus { Name = "setup", State = new ContainerState { Running = new() } }))
            .ShouldBe("Init:0/1");

    [Fact]
    public void DisplayStatus_FailedInit_ShowsInitReason() =>
        PodTable.DisplayStatus(Report(app: Waiting("PodInitializing"), init: Terminated("setup", 1, "Error"))).ShouldBe("Init:Error");

    [Fact]
    public void DisplayStatus_RunningAndReady_ShowsPhase() =>
        PodTable.DisplayStatus(Report(app: new ContainerStatus { Name = "app", Ready = true, State = new ContainerState { Running = new() } }, phase: "Running")).ShouldBe("Running");

    [Fact]
    public void DisplayStatus_ProblemWithoutStatus_IsInvalidManifest() =>
        PodTable.DisplayStatus(new PodReport { Namespace = "", Name = "", Problem = "bad" }).ShouldBe("InvalidManifest");

    [Fact]
    public void Format_PodWithProblem_ListsContainersAndProblem()
    {
        var report = Report(app: Waiting("ErrImagePull", "pull failed")) with { Problem = "/m/web.yaml: something" };

        var table = PodTable.Format([report]);

        table.ShouldContain("NAMESPACE");
        table.ShouldContain("default    web-node  ErrImagePull  0/1    0         10.0.0.2  /m/web.yaml");
        table.ShouldContain("  app                  ErrImagePull       restarts=0   pull failed");
        table.ShouldContain("  ! /m/web.yaml: something");
    }

    private static PodReport Report(ContainerStatus app, ContainerStatus? init = null, string phase = "Pending") => new()
    {
        Namespace = "default",
        Name = "web-node",
        ManifestPath = "/m/web.yaml",
        Status = new PodStatus
        {
            Phase = phase,
            PodIP = "10.0.0.2",
            ContainerStatuses = [app],
            InitContainerStatuses = init is null ? null : [init],
        },
    };

    private static ContainerStatus Waiting(string reason, string? message = null) =>
        new() { Name = "app", State = new ContainerState { Waiting = new ContainerStateWaiting { Reason = reason, Message = message } } };

    private static ContainerStatus Terminated(string name, int exitCode, string reason) =>
        new() { Name = name, State = new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = exitCode, Reason = reason } } };
}
