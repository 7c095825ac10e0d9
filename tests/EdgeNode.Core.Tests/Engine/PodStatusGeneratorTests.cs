using EdgeNode.Core.Engine;
using EdgeNode.Core.Pods;
using EdgeNode.Core.Runtime;
using Shouldly;

namespace EdgeNode.Core.Tests.Engine;

public sealed class PodStatusGeneratorTests
{
    private static readonly DateTimeOffset Now = StateBuilder.T0 + TimeSpan.FromHours(1);

    private static PodSpec AppSpec(string? restartPolicy = null) =>
        TestPods.Spec(TestPods.Container("app"), TestPods.Container("sidecar")) with { RestartPolicy = restartPolicy };

    private static PodSpec InitSpec(string? restartPolicy = null) =>
        AppSpec(restartPolicy) with { InitContainers = [TestPods.Container("init-a"), TestPods.Container("init-b")] };

    private static PodStatusInput Input(PodSpec spec, PodRuntimeState state) => new()
    {
        Spec = spec,
        State = state,
        Now = Now,
        HostIp = "192.168.1.10",
    };

    private static PodCondition ConditionOf(PodStatus status, string type) => status.Conditions!.Single(c => c.Type == type);

    private static ContainerStatus StatusOf(PodStatus status, string name) =>
        status.ContainerStatuses!.Concat(status.InitContainerStatuses ?? []).Single(c => c.Name == name);

    [Fact]
    public void Generate_NewPodWithoutSandbox_PendingAndContainersCreating()
    {
        // Act
        var status = PodStatusGenerator.Generate(Input(AppSpec(), PodRuntimeState.Empty));

        // Assert
        status.Phase.ShouldBe(PodPhases.Pending);
        StatusOf(status, "app").State.Waiting!.Reason.ShouldBe("ContainerCreating");
        StatusOf(status, "app").Ready.ShouldBeFalse();
        StatusOf(status, "app").RestartCount.ShouldBe(0);
        StatusOf(status, "app").Image.ShouldBe("busybox:1.36");
        status.StartTime.ShouldBe(Now);
        status.InitContainerStatuses.ShouldBeNull();
        status.PodIP.ShouldBeNull();
    }

    [Fact]
    public void Generate_NewPod_ConditionsInKubeletOrderWithReasons()
    {
        // Act
        var status = PodStatusGenerator.Generate(Input(AppSpec(), PodRuntimeState.Empty));

        // Assert
        status.Conditions!.Select(c => c.Type).ShouldBe(["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"]);
        ConditionOf(status, "PodReadyToStartContainers").Status.ShouldBe("False");
        ConditionOf(status, "Initialized").Status.ShouldBe("True");
        var ready = ConditionOf(status, "Ready");
        ready.Status.ShouldBe("False");
        ready.Reason.ShouldBe("ContainersNotReady");
        ready.Message.ShouldBe("containers with unready status: [app sidecar]");
        ConditionOf(status, "ContainersReady").Message.ShouldBe("containers with unready status: [app sidecar]");
        ConditionOf(status, "PodScheduled").Status.ShouldBe("True");
        status.Conditions!.ShouldAllBe(c => c.LastTransitionTime == Now && c.LastProbeTime == null);
    }

    [Fact]
    public void Generate_InitContainerRunning_PendingWithPodInitializingAndIncompleteInits()
    {
        // Arrange
        var state = new StateBuilder().Sandbox().Container("init-a", ContainerRunState.Running).Build();

        // Act
        var status = PodStatusGenerator.Generate(Input(InitSpec(), state));

        // Assert
        status.Phase.ShouldBe(PodPhases.Pending);
        StatusOf(status, "init-a").State.Running.ShouldNotBeNull();
        StatusOf(status, "init-a").Ready.ShouldBeFalse();
        StatusOf(status, "init-b").State.Waiting!.Reason.ShouldBe("ContainerCreating");
        StatusOf(status, "app").State.Waiting!.Reason.ShouldBe("PodInitializing");
        StatusOf(status, "sidecar").State.Waiting!.Reason.ShouldBe("PodInitializing");
        var initialized = ConditionOf(status, "Initialized");
        initialized.Status.ShouldBe("False");
        initialized.Reason.ShouldBe("ContainersNotInitialized");
        initialized.Message.ShouldBe("containers with incomplete status: [init-a init-b]");
        ConditionOf(status, "PodReadyToStartContainers").Status.ShouldBe("True");
    }

    [Fact]
    public void Generate_FirstInitDone_OnlySecondInitIncomplete()
    {
        // Arrange
        var state = new StateBuilder().Sandbox()
            .Container("init-a", ContainerRunState.Exited)
            .Container("init-b", ContainerRunState.Running)
            .Build();

        // Act
        var status = PodStatusGenerator.Generate(Input(InitSpec(), state));

        // Assert
        status.Phase.ShouldBe(PodPhases.Pending);
        ConditionOf(status, "Initialized").Message.ShouldBe("containers with incomplete status: [init-b]");
        StatusOf(status, "init-a").State.Terminated!.Reason.ShouldBe("Completed");
        StatusOf(status, "init-a").Ready.ShouldBeTrue();
    }

    [Fact]
    public void Generate_AllRunningAndReady_RunningWithReadyConditions()
    {
        // Arrange
        var builder = new StateBuilder().Sandbox().Ip("10.88.0.7");
        var state = builder
            .Container("app", ContainerRunState.Running, restartCount: 3, id: "a1b2")
            .Container("sidecar", ContainerRunState.Running)
            .Build();

        // Act
        var status = PodStatusGenerator.Generate(Input(AppSpec(), state));

        // Assert
        status.Phase.ShouldBe(PodPhases.Running);
        ConditionOf(status, "Ready").Status.ShouldBe("True");
        ConditionOf(status, "Ready").Reason.ShouldBeNull();
        ConditionOf(status, "ContainersReady").Status.ShouldBe("True");
        var app = StatusOf(status, "app");
        app.State.Running!.StartedAt.ShouldBe(state.Latest("app")!.Status.StartedAt);
        app.Ready.ShouldBeTrue();
        app.Started.ShouldBe(true);
        app.RestartCount.ShouldBe(3);
        app.ContainerID.ShouldBe("containerd://a1b2");
        app.ImageID.ShouldBe("docker.io/library/busybox@sha256:abc");
        app.Image.ShouldBe("busybox:1.36");
        status.PodIP.ShouldBe("10.88.0.7");
        status.PodIPs!.ShouldHaveSingleItem().Ip.ShouldBe("10.88.0.7");
        status.HostIP.ShouldBe("192.168.1.10");
        status.QosClass.ShouldBe("BestEffort");
        status.StartTime.ShouldBe(state.Sandboxes[0].CreatedAt);
    }

    [Fact]
    public void Generate_RuntimeNameGiven_UsedInContainerIds()
    {
        // Arrange
        var state = new StateBuilder().Sandbox().Container("app", ContainerRunState.Running, id: "x1").Build();

        // Act
        var status = PodStatusGenerator.Generate(Input(AppSpec(), state) with { RuntimeName = "cri-o" });

        // Assert
        StatusOf(status, "app").ContainerID.ShouldBe("cri-o://x1");
    }

    [Fact]
    public void Generate_ReadinessProbeFailing_ContainerUnreadyAndPodNotReady()
    {
        // Arrange
        var state = new StateBuilder().Sandbox()
            .Container("app", ContainerRunState.Running, id: "app-1")
            .Container("sidecar", ContainerRunState.Running, id: "side-1")
            .Build();

        // Act
        var status = PodStatusGenerator.Generate(Input(AppSpec(), state) with { IsReady = id => id != "app-1" });

        // Assert
        status.Phase.ShouldBe(PodPhases.Running);
        StatusOf(status, "app").Ready.ShouldBeFalse();
        StatusOf(status, "sidecar").Ready.ShouldBeTrue();
        ConditionOf(status, "Ready").Message.ShouldBe("containers with unready status: [app]");
        ConditionOf(status, "ContainersReady").Reason.ShouldBe("ContainersNotReady");
    }

    [Fact]
    public void Generate_StartupProbeNotPassed_NotStartedAndNotReady()
    {
        // Arrange
        var state = new StateBuilder().Sandbox().Container("app", ContainerRunState.Running, id: "app-1").Build();

        // Act
        var status = PodStatusGenerator.Generate(Input(AppSpec(), state) with { IsStarted = _ => false });

        // Assert
        StatusOf(status, "app").Started.ShouldBe(false);
        StatusOf(status, "app").Ready.ShouldBeFalse();
    }

    [Fact]
    public void Generate_NeverPodAllExitedZero_SucceededWithPodCompletedConditions()
    {
        // Arrange
        var state = new StateBuilder().Sandbox()
            .Container("app", ContainerRunState.Exited, id: "app-1")
            .Container("sidecar", ContainerRunState.Exited)
            .Build();

        // Act
        var status = PodStatusGenerator.Generate(Input(AppSpec(RestartPolicies.Never), state));

        // Assert
        status.Phase.ShouldBe(PodPhases.Succeeded);
        ConditionOf(status, "Ready").Reason.ShouldBe("PodCompleted");
        ConditionOf(status, "Ready").Status.ShouldBe("False");
        ConditionOf(status, "ContainersReady").Reason.ShouldBe("PodCompleted");
        var terminated = StatusOf(status, "app").State.Terminated!;
        terminated.ExitCode.ShouldBe(0);
        terminated.Reason.ShouldBe("Completed");
        terminated.ContainerID.ShouldBe("containerd://app-1");
        terminated.StartedAt.ShouldNotBeNull();
        terminated.FinishedAt.ShouldNotBeNull();
        StatusOf(status, "app").Ready.ShouldBeFalse();
    }

    [Fact]
    public void Generate_NeverPodOneFailed_FailedWithErrorReason()
    {
        // Arrange
        var state = new StateBuilder().Sandbox()
            .Container("app", ContainerRunState.Exited, exitCode: 2)
            .Container("sidecar", ContainerRunState.Exited)
            .Build();

        // Act
        var status = PodStatusGenerator.Generate(Input(AppSpec(RestartPolicies.Never), state));

        // Assert
        status.Phase.ShouldBe(PodPhases.Failed);
        ConditionOf(status, "Ready").Reason.ShouldBe("PodFailed");
        ConditionOf(status, "ContainersReady").Reason.ShouldBe("PodFailed");
        StatusOf(status, "app").State.Terminated!.Reason.ShouldBe("Error");
        StatusOf(status, "app").State.Terminated!.ExitCode.ShouldBe(2);
    }

    [Fact]
    public void Generate_RuntimeGaveReason_KeepsIt()
    {
        // Arrange
        var state = new StateBuilder().Sandbox().Container("app", ContainerRunState.Exited, exitCode: 137, reason: "OOMKilled").Build();

        // Act
        var status = PodStatusGenerator.Generate(Input(AppSpec(RestartPolicies.Never), state));

        // Assert
        StatusOf(status, "app").State.Terminated!.Reason.ShouldBe("OOMKilled");
    }

    [Theory]
    [InlineData(RestartPolicies.Always, 0, PodPhases.Running)]
    [InlineData(RestartPolicies.Always, 1, PodPhases.Running)]
    [InlineData(RestartPolicies.OnFailure, 0, PodPhases.Succeeded)]
    [InlineData(RestartPolicies.OnFailure, 1, PodPhases.Running)]
    [InlineData(RestartPolicies.Never, 0, PodPhases.Succeeded)]
    [InlineData(RestartPolicies.Never, 1, PodPhases.Failed)]
    public void Generate_AllContainersExited_PhaseFollowsRestartPolicy(string policy, int exitCode, string phase)
    {
        // Arrange
        var state = new StateBuilder().Sandbox()
            .Container("app", ContainerRunState.Exited, exitCode: exitCode)
            .Container("sidecar", ContainerRunState.Exited)
            .Build();

        // Act
        var status = PodStatusGenerator.Generate(Input(AppSpec(policy), state));

        // Assert
        status.Phase.ShouldBe(phase);
    }

    [Fact]
    public void Generate_OneRunningOneExited_Running()
    {
        // Arrange
        var state = new StateBuilder().Sandbox()
            .Container("app", ContainerRunState.Running)
            .Container("sidecar", ContainerRunState.Exited, exitCode: 1)
            .Build();

        // Act
        var status = PodStatusGenerator.Generate(Input(AppSpec(RestartPolicies.Never), state));

        // Assert
        status.Phase.ShouldBe(PodPhases.Running);
        ConditionOf(status, "Ready").Message.ShouldBe("containers with unready status: [sidecar]");
    }

    [Fact]
    public void Generate_CrashLoopBackOff_WaitingWithLastStateTerminated()
    {
        // Arrange
        var state = new StateBuilder().Sandbox()
            .Container("app", ContainerRunState.Exited, exitCode: 1, restartCount: 0)
            .Container("app", ContainerRunState.Exited, exitCode: 1, restartCount: 1, id: "app-newest")
            .Container("sidecar", ContainerRunState.Running)
            .Build();
        var waiting = new Dictionary<string, ContainerWaiting>
        {
            ["app"] = new("CrashLoopBackOff", "back-off 10s restarting failed container=app pod=web_default(uid)"),
        };

        // Act
        var status = PodStatusGenerator.Generate(Input(AppSpec(), state) with { Waiting = waiting });

        // Assert
        var app = StatusOf(status, "app");
        app.State.Waiting!.Reason.ShouldBe("CrashLoopBackOff");
        app.State.Waiting.Message.ShouldBe("back-off 10s restarting failed container=app pod=web_default(uid)");
        app.LastState!.Terminated!.ExitCode.ShouldBe(1);
        app.LastState.Terminated.ContainerID.ShouldBe("containerd://app-newest");
        app.RestartCount.ShouldBe(1);
        app.Ready.ShouldBeFalse();
        status.Phase.ShouldBe(PodPhases.Running);
    }

    [Fact]
    public void Generate_RestartedContainerRunning_LastStateIsPreviousInstance()
    {
        // Arrange
        var state = new StateBuilder().Sandbox()
            .Container("app", ContainerRunState.Exited, exitCode: 2, restartCount: 0, id: "old")
            .Container("app", ContainerRunState.Running, restartCount: 1, id: "new")
            .Build();

        // Act
        var status = PodStatusGenerator.Generate(Input(TestPods.Spec(TestPods.Container("app")), state));

        // Assert
        var app = StatusOf(status, "app");
        app.State.Running.ShouldNotBeNull();
        app.ContainerID.ShouldBe("containerd://new");
        app.LastState!.Terminated!.ExitCode.ShouldBe(2);
        app.LastState.Terminated.ContainerID.ShouldBe("containerd://old");
        app.RestartCount.ShouldBe(1);
    }

    [Fact]
    public void Generate_ContainerCreatedNotStarted_WaitingContainerCreating()
    {
        // Arrange
        var state = new StateBuilder().Sandbox().Container("app", ContainerRunState.Created).Build();

        // Act
        var status = PodStatusGenerator.Generate(Input(AppSpec(), state));

        // Assert
        StatusOf(status, "app").State.Waiting!.Reason.ShouldBe("ContainerCreating");
        status.Phase.ShouldBe(PodPhases.Pending);
    }

    [Fact]
    public void Generate_ImagePullFailedBeforeFirstStart_WaitingWithThatReason()
    {
        // Arrange
        var state = new StateBuilder().Sandbox().Build();
        var waiting = new Dictionary<string, ContainerWaiting> { ["app"] = new("ErrImagePull", "not found") };

        // Act
        var status = PodStatusGenerator.Generate(Input(AppSpec(), state) with { Waiting = waiting });

        // Assert
        StatusOf(status, "app").State.Waiting!.Reason.ShouldBe("ErrImagePull");
        StatusOf(status, "app").State.Waiting!.Message.ShouldBe("not found");
        StatusOf(status, "sidecar").State.Waiting!.Reason.ShouldBe("ContainerCreating");
        status.Phase.ShouldBe(PodPhases.Pending);
    }

    [Fact]
    public void Generate_StatusUnchanged_KeepsLastTransitionTime()
    {
        // Arrange
        var earlier = Now - TimeSpan.FromMinutes(5);
        var state = new StateBuilder().Sandbox().Container("app", ContainerRunState.Running).Build();
        var first = PodStatusGenerator.Generate(Input(AppSpec(), state) with { Now = earlier });

        // Act
        var second = PodStatusGenerator.Generate(Input(AppSpec(), state) with { Previous = first });

        // Assert
        ConditionOf(second, "Ready").Status.ShouldBe("False");
        ConditionOf(second, "Ready").LastTransitionTime.ShouldBe(earlier);
        ConditionOf(second, "PodReadyToStartContainers").LastTransitionTime.ShouldBe(earlier);
        second.StartTime.ShouldBe(first.StartTime);
    }

    [Fact]
    public void Generate_StatusChanged_MovesLastTransitionTime()
    {
        // Arrange
        var earlier = Now - TimeSpan.FromMinutes(5);
        var before = new StateBuilder().Sandbox().Container("app", ContainerRunState.Running).Build();
        var first = PodStatusGenerator.Generate(Input(AppSpec(), before) with { Now = earlier });
        var after = new StateBuilder().Sandbox()
            .Container("app", ContainerRunState.Running)
            .Container("sidecar", ContainerRunState.Running)
            .Build();

        // Act
        var second = PodStatusGenerator.Generate(Input(AppSpec(), after) with { Previous = first });

        // Assert
        ConditionOf(second, "Ready").Status.ShouldBe("True");
        ConditionOf(second, "Ready").LastTransitionTime.ShouldBe(Now);
        ConditionOf(second, "Initialized").LastTransitionTime.ShouldBe(earlier);
    }

    [Fact]
    public void Generate_NeverPodPreviouslySucceeded_StaysSucceededWhenContainersDisappear()
    {
        // Arrange
        var done = new StateBuilder().Sandbox().Container("app", ContainerRunState.Exited).Build();
        var spec = TestPods.Spec(TestPods.Container("app")) with { RestartPolicy = RestartPolicies.Never };
        var first = PodStatusGenerator.Generate(Input(spec, done));
        first.Phase.ShouldBe(PodPhases.Succeeded);
        var gone = new StateBuilder().Sandbox("sb-1", SandboxState.NotReady).Build();

        // Act
        var second = PodStatusGenerator.Generate(Input(spec, gone) with { Previous = first });

        // Assert
        second.Phase.ShouldBe(PodPhases.Succeeded);
    }

    [Fact]
    public void Generate_DeadlineExceeded_FailedWithReasonAndMessage()
    {
        // Arrange
        var state = new StateBuilder().Sandbox().Container("app", ContainerRunState.Running).Build();
        var reason = new ContainerWaiting("DeadlineExceeded", "Pod was active on the node longer than the specified deadline");

        // Act
        var status = PodStatusGenerator.Generate(Input(AppSpec(), state) with { TerminalReason = reason });

        // Assert
        status.Phase.ShouldBe(PodPhases.Failed);
        status.Reason.ShouldBe("DeadlineExceeded");
        status.Message.ShouldBe("Pod was active on the node longer than the specified deadline");
        ConditionOf(status, "Ready").Reason.ShouldBe("PodFailed");
    }

    [Fact]
    public void Generate_InitFailedUnderNever_Failed()
    {
        // Arrange
        var state = new StateBuilder().Sandbox().Container("init-a", ContainerRunState.Exited, exitCode: 1).Build();

        // Act
        var status = PodStatusGenerator.Generate(Input(InitSpec(RestartPolicies.Never), state));

        // Assert
        status.Phase.ShouldBe(PodPhases.Failed);
        StatusOf(status, "init-a").State.Terminated!.ExitCode.ShouldBe(1);
        ConditionOf(status, "Initialized").Message.ShouldBe("containers with incomplete status: [init-a init-b]");
    }

    [Fact]
    public void Generate_InitCrashLoopingUnderAlways_Pending()
    {
        // Arrange
        var state = new StateBuilder().Sandbox().Container("init-a", ContainerRunState.Exited, exitCode: 1).Build();
        var waiting = new Dictionary<string, ContainerWaiting> { ["init-a"] = new("CrashLoopBackOff", "back-off 10s") };

        // Act
        var status = PodStatusGenerator.Generate(Input(InitSpec(), state) with { Waiting = waiting });

        // Assert
        status.Phase.ShouldBe(PodPhases.Pending);
        StatusOf(status, "init-a").State.Waiting!.Reason.ShouldBe("CrashLoopBackOff");
        StatusOf(status, "init-a").LastState!.Terminated!.ExitCode.ShouldBe(1);
    }

    [Fact]
    public void Generate_SucceededPodWithInits_InitializedTrueWithPodCompleted()
    {
        // Arrange
        var state = new StateBuilder().Sandbox()
            .Container("init-a", ContainerRunState.Exited)
            .Container("init-b", ContainerRunState.Exited)
            .Container("app", ContainerRunState.Exited)
            .Container("sidecar", ContainerRunState.Exited)
            .Build();

        // Act
        var status = PodStatusGenerator.Generate(Input(InitSpec(RestartPolicies.OnFailure), state));

        // Assert
        status.Phase.ShouldBe(PodPhases.Succeeded);
        ConditionOf(status, "Initialized").Status.ShouldBe("True");
        ConditionOf(status, "Initialized").Reason.ShouldBe("PodCompleted");
    }

    [Fact]
    public void Generate_HostNetworkPod_PodIpIsHostIp()
    {
        // Arrange
        var state = new StateBuilder().Sandbox().Container("app", ContainerRunState.Running).Build();

        // Act
        var status = PodStatusGenerator.Generate(Input(AppSpec() with { HostNetwork = true }, state));

        // Assert
        status.PodIP.ShouldBe("192.168.1.10");
    }

    [Fact]
    public void Generate_GuaranteedResources_ReportsQosClass()
    {
        // Arrange
        var limits = TestPods.Resources(("cpu", "500m"), ("memory", "64Mi"));
        var spec = TestPods.Spec(TestPods.Container("app") with { Resources = new ResourceRequirements { Limits = limits, Requests = limits } });

        // Act
        var status = PodStatusGenerator.Generate(Input(spec, PodRuntimeState.Empty));

        // Assert
        status.QosClass.ShouldBe("Guaranteed");
    }

    [Fact]
    public void Phase_WaitingContainerWithoutPreviousRun_Pending()
    {
        // Arrange
        ContainerStatus[] apps =
        [
            new() { Name = "app", State = new ContainerState { Running = new ContainerStateRunning() } },
            new() { Name = "sidecar", State = new ContainerState { Waiting = new ContainerStateWaiting { Reason = "ErrImagePull" } } },
        ];

        // Act
        var phase = PodStatusGenerator.Phase(AppSpec(), [], apps);

        // Assert
        phase.ShouldBe(PodPhases.Pending);
    }

    [Fact]
    public void Phase_WaitingContainerThatRanBefore_CountsAsStopped()
    {
        // Arrange
        ContainerStatus[] apps =
        [
            new() { Name = "app", State = new ContainerState { Running = new ContainerStateRunning() } },
            new()
            {
                Name = "sidecar",
                State = new ContainerState { Waiting = new ContainerStateWaiting { Reason = "CrashLoopBackOff" } },
                LastState = new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = 1 } },
            },
        ];

        // Act
        var phase = PodStatusGenerator.Phase(AppSpec(), [], apps);

        // Assert
        phase.ShouldBe(PodPhases.Running);
    }
}
