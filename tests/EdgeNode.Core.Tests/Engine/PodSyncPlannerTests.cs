using EdgeNode.Core.Engine;
using EdgeNode.Core.Pods;
using EdgeNode.Core.Runtime;
using Shouldly;

namespace EdgeNode.Core.Tests.Engine;

public sealed class PodSyncPlannerTests
{
    private static readonly IReadOnlyDictionary<string, string> Healthy = new Dictionary<string, string>();

    private static PodSpec AppSpec(string? restartPolicy = null) =>
        TestPods.Spec(TestPods.Container("app"), TestPods.Container("sidecar")) with { RestartPolicy = restartPolicy };

    private static PodSpec InitSpec(string? restartPolicy = null) =>
        AppSpec(restartPolicy) with { InitContainers = [TestPods.Container("init-a"), TestPods.Container("init-b")] };

    private static IEnumerable<string?> Names(IEnumerable<Container> containers) => containers.Select(c => c.Name);

    [Fact]
    public void Plan_NewPodWithoutInitContainers_CreatesSandboxAndStartsAllContainers()
    {
        // Act
        var plan = PodSyncPlanner.Plan(AppSpec(), PodRuntimeState.Empty, Healthy);

        // Assert
        plan.CreateSandbox.ShouldBeTrue();
        plan.KillPod.ShouldBeFalse();
        plan.SandboxAttempt.ShouldBe(0u);
        plan.NextInitContainer.ShouldBeNull();
        Names(plan.ContainersToStart).ShouldBe(["app", "sidecar"]);
    }

    [Fact]
    public void Plan_NewPodWithInitContainers_CreatesSandboxAndStartsOnlyFirstInit()
    {
        // Act
        var plan = PodSyncPlanner.Plan(InitSpec(), PodRuntimeState.Empty, Healthy);

        // Assert
        plan.CreateSandbox.ShouldBeTrue();
        plan.NextInitContainer!.Name.ShouldBe("init-a");
        plan.ContainersToStart.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_FirstInitRunning_StartsNothing()
    {
        // Arrange
        var state = new StateBuilder().Sandbox().Container("init-a", ContainerRunState.Running).Build();

        // Act
        var plan = PodSyncPlanner.Plan(InitSpec(), state, Healthy);

        // Assert
        plan.CreateSandbox.ShouldBeFalse();
        plan.KillPod.ShouldBeFalse();
        plan.NextInitContainer.ShouldBeNull();
        plan.ContainersToStart.ShouldBeEmpty();
        plan.ContainersToKill.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_FirstInitSucceeded_StartsSecondInitOnly()
    {
        // Arrange
        var state = new StateBuilder().Sandbox().Container("init-a", ContainerRunState.Exited, exitCode: 0).Build();

        // Act
        var plan = PodSyncPlanner.Plan(InitSpec(), state, Healthy);

        // Assert
        plan.NextInitContainer!.Name.ShouldBe("init-b");
        plan.ContainersToStart.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_AllInitsSucceeded_StartsAppContainers()
    {
        // Arrange
        var state = new StateBuilder().Sandbox()
            .Container("init-a", ContainerRunState.Exited)
            .Container("init-b", ContainerRunState.Exited)
            .Build();

        // Act
        var plan = PodSyncPlanner.Plan(InitSpec(), state, Healthy);

        // Assert
        plan.NextInitContainer.ShouldBeNull();
        Names(plan.ContainersToStart).ShouldBe(["app", "sidecar"]);
        plan.KillPod.ShouldBeFalse();
    }

    [Fact]
    public void Plan_InitFailedUnderNever_KillsPodWithoutRetry()
    {
        // Arrange
        var state = new StateBuilder().Sandbox()
            .Container("init-a", ContainerRunState.Exited)
            .Container("init-b", ContainerRunState.Exited, exitCode: 1)
            .Build();

        // Act
        var plan = PodSyncPlanner.Plan(InitSpec(RestartPolicies.Never), state, Healthy);

        // Assert
        plan.KillPod.ShouldBeTrue();
        plan.NextInitContainer.ShouldBeNull();
        plan.CreateSandbox.ShouldBeFalse();
        plan.ContainersToStart.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(RestartPolicies.Always)]
    [InlineData(RestartPolicies.OnFailure)]
    public void Plan_InitFailedUnderRestartingPolicy_RetriesSameInit(string policy)
    {
        // Arrange
        var state = new StateBuilder().Sandbox()
            .Container("init-a", ContainerRunState.Exited)
            .Container("init-b", ContainerRunState.Exited, exitCode: 2)
            .Build();

        // Act
        var plan = PodSyncPlanner.Plan(InitSpec(policy), state, Healthy);

        // Assert
        plan.KillPod.ShouldBeFalse();
        plan.NextInitContainer!.Name.ShouldBe("init-b");
        plan.ContainersToStart.ShouldBeEmpty();
    }

    [Fact]
    public void FindNextInitContainer_FailedInit_ReturnsFailedInstanceAndSameContainer()
    {
        // Arrange
        var state = new StateBuilder().Sandbox().Container("init-a", ContainerRunState.Exited, exitCode: 1, id: "failed-1").Build();

        // Act
        var (failed, next, done) = PodSyncPlanner.FindNextInitContainer(InitSpec(), state);

        // Assert
        failed!.Id.ShouldBe("failed-1");
        next!.Name.ShouldBe("init-a");
        done.ShouldBeFalse();
    }

    [Fact]
    public void FindNextInitContainer_NoInitContainers_IsDone()
    {
        // Act
        var (failed, next, done) = PodSyncPlanner.FindNextInitContainer(AppSpec(), PodRuntimeState.Empty);

        // Assert
        failed.ShouldBeNull();
        next.ShouldBeNull();
        done.ShouldBeTrue();
    }

    [Fact]
    public void FindNextInitContainer_NothingRunYet_ReturnsFirstInit()
    {
        // Arrange
        var state = new StateBuilder().Sandbox().Build();

        // Act
        var (_, next, done) = PodSyncPlanner.FindNextInitContainer(InitSpec(), state);

        // Assert
        next!.Name.ShouldBe("init-a");
        done.ShouldBeFalse();
    }

    [Fact]
    public void FindNextInitContainer_AppContainerExistsInSandbox_IsDone()
    {
        // Arrange: init instances were garbage-collected, but an app container already ran.
        var state = new StateBuilder().Sandbox().Container("app", ContainerRunState.Running).Build();

        // Act
        var (_, next, done) = PodSyncPlanner.FindNextInitContainer(InitSpec(), state);

        // Assert
        next.ShouldBeNull();
        done.ShouldBeTrue();
    }

    [Fact]
    public void FindNextInitContainer_InitsRanInOlderSandboxOnly_StartsOverInNewSandbox()
    {
        // Arrange
        var state = new StateBuilder()
            .Sandbox("old", SandboxState.NotReady)
            .Container("init-a", ContainerRunState.Exited)
            .Container("init-b", ContainerRunState.Exited)
            .Container("app", ContainerRunState.Exited)
            .Sandbox("new", attempt: 1)
            .Build();

        // Act
        var (_, next, done) = PodSyncPlanner.FindNextInitContainer(InitSpec(), state);

        // Assert
        next!.Name.ShouldBe("init-a");
        done.ShouldBeFalse();
    }

    [Theory]
    [InlineData(RestartPolicies.Always, 0, true)]
    [InlineData(RestartPolicies.Always, 1, true)]
    [InlineData(RestartPolicies.OnFailure, 0, false)]
    [InlineData(RestartPolicies.OnFailure, 1, true)]
    [InlineData(RestartPolicies.Never, 0, false)]
    [InlineData(RestartPolicies.Never, 1, false)]
    public void Plan_AppContainerExited_RestartsPerPolicy(string policy, int exitCode, bool restarts)
    {
        // Arrange
        var state = new StateBuilder().Sandbox()
            .Container("app", ContainerRunState.Exited, exitCode: exitCode)
            .Container("sidecar", ContainerRunState.Running)
            .Build();

        // Act
        var plan = PodSyncPlanner.Plan(AppSpec(policy), state, Healthy);

        // Assert
        Names(plan.ContainersToStart).Contains("app").ShouldBe(restarts);
        plan.ContainersToStart.ShouldNotContain(c => c.Name == "sidecar");
        plan.KillPod.ShouldBeFalse();
        plan.ContainersToKill.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_DefaultPolicyAndExitedContainer_RestartsAsAlways()
    {
        // Arrange
        var state = new StateBuilder().Sandbox()
            .Container("app", ContainerRunState.Exited)
            .Container("sidecar", ContainerRunState.Exited)
            .Build();

        // Act
        var plan = PodSyncPlanner.Plan(AppSpec(restartPolicy: null), state, Healthy);

        // Assert
        Names(plan.ContainersToStart).ShouldBe(["app", "sidecar"]);
        plan.KillPod.ShouldBeFalse();
    }

    [Fact]
    public void Plan_RunningContainerFailedLiveness_KillsAndRestartsIt()
    {
        // Arrange
        var state = new StateBuilder().Sandbox()
            .Container("app", ContainerRunState.Running, id: "app-1")
            .Container("sidecar", ContainerRunState.Running, id: "side-1")
            .Build();
        var unhealthy = new Dictionary<string, string> { ["app-1"] = "Container app failed liveness probe" };

        // Act
        var plan = PodSyncPlanner.Plan(AppSpec(), state, unhealthy);

        // Assert
        var kill = plan.ContainersToKill.ShouldHaveSingleItem();
        kill.Instance.Id.ShouldBe("app-1");
        kill.Message.ShouldBe("Container app failed liveness probe, will be restarted");
        Names(plan.ContainersToStart).ShouldBe(["app"]);
        plan.KillPod.ShouldBeFalse();
    }

    [Fact]
    public void Plan_LivenessFailureUnderNever_KillsWithoutRestart()
    {
        // Arrange
        var state = new StateBuilder().Sandbox()
            .Container("app", ContainerRunState.Running, id: "app-1")
            .Container("sidecar", ContainerRunState.Running)
            .Build();
        var unhealthy = new Dictionary<string, string> { ["app-1"] = "Container app failed liveness probe" };

        // Act
        var plan = PodSyncPlanner.Plan(AppSpec(RestartPolicies.Never), state, unhealthy);

        // Assert
        plan.ContainersToKill.ShouldHaveSingleItem().Message.ShouldBe("Container app failed liveness probe");
        plan.ContainersToStart.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_ImageChanged_KillsAndRestartsEvenUnderNever()
    {
        // Arrange
        var state = new StateBuilder().Sandbox()
            .Container("app", ContainerRunState.Running, id: "app-1", image: "busybox:1.35")
            .Container("sidecar", ContainerRunState.Running)
            .Build();

        // Act
        var plan = PodSyncPlanner.Plan(AppSpec(RestartPolicies.Never), state, Healthy);

        // Assert
        var kill = plan.ContainersToKill.ShouldHaveSingleItem();
        kill.Instance.Id.ShouldBe("app-1");
        kill.Message.ShouldBe("Container app definition changed, will be restarted");
        Names(plan.ContainersToStart).ShouldBe(["app"]);
    }

    [Fact]
    public void Plan_RunningContainerWithoutImageAnnotation_IsKept()
    {
        // Arrange: containers created by something that did not record the image are not restarted.
        var state = new StateBuilder().Sandbox()
            .Container("app", ContainerRunState.Running, image: null)
            .Container("sidecar", ContainerRunState.Running)
            .Build();

        // Act
        var plan = PodSyncPlanner.Plan(AppSpec(), state, Healthy);

        // Assert
        plan.ContainersToKill.ShouldBeEmpty();
        plan.ContainersToStart.ShouldBeEmpty();
        plan.KillPod.ShouldBeFalse();
    }

    [Fact]
    public void Plan_SandboxNotReady_KillsPodAndCreatesSandboxWithNextAttempt()
    {
        // Arrange
        var state = new StateBuilder()
            .Sandbox("sb-1", SandboxState.NotReady, attempt: 2)
            .Container("app", ContainerRunState.Exited, exitCode: 137)
            .Build();

        // Act
        var plan = PodSyncPlanner.Plan(AppSpec(), state, Healthy);

        // Assert
        plan.KillPod.ShouldBeTrue();
        plan.CreateSandbox.ShouldBeTrue();
        plan.SandboxAttempt.ShouldBe(3u);
        Names(plan.ContainersToStart).ShouldBe(["app", "sidecar"]);
    }

    [Fact]
    public void Plan_SandboxNotReadyWithInitContainers_StartsInitsAgainInNewSandbox()
    {
        // Arrange
        var state = new StateBuilder()
            .Sandbox("sb-1", SandboxState.NotReady)
            .Container("init-a", ContainerRunState.Exited)
            .Container("init-b", ContainerRunState.Exited)
            .Container("app", ContainerRunState.Exited, exitCode: 137)
            .Build();

        // Act
        var plan = PodSyncPlanner.Plan(InitSpec(), state, Healthy);

        // Assert
        plan.CreateSandbox.ShouldBeTrue();
        plan.SandboxAttempt.ShouldBe(1u);
        plan.NextInitContainer!.Name.ShouldBe("init-a");
        plan.ContainersToStart.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_TwoReadySandboxes_ReplacesThem()
    {
        // Arrange
        var state = new StateBuilder().Sandbox("sb-1", attempt: 0).Sandbox("sb-2", attempt: 1).Build();

        // Act
        var plan = PodSyncPlanner.Plan(AppSpec(), state, Healthy);

        // Assert
        plan.KillPod.ShouldBeTrue();
        plan.CreateSandbox.ShouldBeTrue();
        plan.SandboxAttempt.ShouldBe(2u);
    }

    [Fact]
    public void Plan_NeverPodFinishedAndSandboxGone_CreatesNoNewSandbox()
    {
        // Arrange
        var state = new StateBuilder()
            .Sandbox("sb-1", SandboxState.NotReady)
            .Container("app", ContainerRunState.Exited, exitCode: 1)
            .Container("sidecar", ContainerRunState.Exited, exitCode: 0)
            .Build();

        // Act
        var plan = PodSyncPlanner.Plan(AppSpec(RestartPolicies.Never), state, Healthy);

        // Assert
        plan.CreateSandbox.ShouldBeFalse();
        plan.ContainersToStart.ShouldBeEmpty();
        plan.NextInitContainer.ShouldBeNull();
    }

    [Fact]
    public void Plan_NeverPodAllExitedWithReadySandbox_KillsPod()
    {
        // Arrange
        var state = new StateBuilder().Sandbox()
            .Container("app", ContainerRunState.Exited, exitCode: 0)
            .Container("sidecar", ContainerRunState.Exited, exitCode: 3)
            .Build();

        // Act
        var plan = PodSyncPlanner.Plan(AppSpec(RestartPolicies.Never), state, Healthy);

        // Assert
        plan.KillPod.ShouldBeTrue();
        plan.CreateSandbox.ShouldBeFalse();
        plan.ContainersToStart.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_OnFailureAllSucceededWithReadySandbox_KillsPodAsFinished()
    {
        // Arrange
        var state = new StateBuilder().Sandbox()
            .Container("app", ContainerRunState.Exited)
            .Container("sidecar", ContainerRunState.Exited)
            .Build();

        // Act
        var plan = PodSyncPlanner.Plan(AppSpec(RestartPolicies.OnFailure), state, Healthy);

        // Assert
        plan.KillPod.ShouldBeTrue();
        plan.CreateSandbox.ShouldBeFalse();
        plan.ContainersToStart.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_OnFailureAllSucceededAndSandboxStopped_CreatesNoNewSandbox()
    {
        // Arrange
        var state = new StateBuilder()
            .Sandbox("sb-1", SandboxState.NotReady)
            .Container("app", ContainerRunState.Exited)
            .Container("sidecar", ContainerRunState.Exited)
            .Build();

        // Act
        var plan = PodSyncPlanner.Plan(AppSpec(RestartPolicies.OnFailure), state, Healthy);

        // Assert
        plan.CreateSandbox.ShouldBeFalse();
        plan.ContainersToStart.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_OnFailureOneFailedAndSandboxStopped_NewSandboxRestartsOnlyTheFailedOne()
    {
        // Arrange
        var state = new StateBuilder()
            .Sandbox("sb-1", SandboxState.NotReady)
            .Container("app", ContainerRunState.Exited, exitCode: 1)
            .Container("sidecar", ContainerRunState.Exited, exitCode: 0)
            .Build();

        // Act
        var plan = PodSyncPlanner.Plan(AppSpec(RestartPolicies.OnFailure), state, Healthy);

        // Assert
        plan.CreateSandbox.ShouldBeTrue();
        Names(plan.ContainersToStart).ShouldBe(["app"]);
    }

    [Fact]
    public void Plan_AllRunningAndHealthy_DoesNothing()
    {
        // Arrange
        var state = new StateBuilder().Sandbox()
            .Container("app", ContainerRunState.Running)
            .Container("sidecar", ContainerRunState.Running)
            .Build();

        // Act
        var plan = PodSyncPlanner.Plan(AppSpec(), state, Healthy);

        // Assert
        plan.KillPod.ShouldBeFalse();
        plan.CreateSandbox.ShouldBeFalse();
        plan.NextInitContainer.ShouldBeNull();
        plan.ContainersToStart.ShouldBeEmpty();
        plan.ContainersToKill.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_ContainerInUnknownState_KillsAndRestartsIt()
    {
        // Arrange
        var state = new StateBuilder().Sandbox()
            .Container("app", ContainerRunState.Unknown, id: "app-1")
            .Container("sidecar", ContainerRunState.Running)
            .Build();

        // Act
        var plan = PodSyncPlanner.Plan(AppSpec(), state, Healthy);

        // Assert
        plan.ContainersToKill.ShouldHaveSingleItem().Instance.Id.ShouldBe("app-1");
        Names(plan.ContainersToStart).ShouldBe(["app"]);
    }
}
