using System.Text.Json.Nodes;
using EdgeNode.Core.Api;
using EdgeNode.Core.Nodes;
using EdgeNode.Core.Pods;
using EdgeNode.Testing;
using Shouldly;

namespace EdgeNode.Core.Tests.Nodes;

public sealed class NodeStatusReporterTests
{
    private const string Name = ReporterHarness.NodeName;
    private const string AttachDetach = "volumes.kubernetes.io/controller-managed-attach-detach";
    private readonly ReporterHarness _h = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ApiException Unreachable() => new(ApiErrorKind.Unreachable, "dial tcp 10.0.0.1:6443: connect: connection refused");

    private Node SeedNode(Dictionary<string, string>? labels = null, string? bootId = null) => _h.Api.Seed(new Node
    {
        Metadata = new ObjectMeta { Name = Name, Labels = labels ?? NodeLabels.Defaults(Name, _h.Inputs.Machine) },
        Status = bootId is null ? new NodeStatus() : new NodeStatus { NodeInfo = new NodeSystemInfo { BootID = bootId } },
    });

    private NodeCondition StoredCondition(string type) =>
        _h.Api.Stored(Name).ShouldNotBeNull().Status.Conditions.ShouldNotBeNull().Single(c => c.Type == type);

    private static JsonObject Parse(string patch) => JsonNode.Parse(patch)!.AsObject();

    // ---- registration

    [Fact]
    public async Task RunAsync_Registers_PostsNodeWithKubeletLabelsAndAttachDetachAnnotation()
    {
        // Arrange
        var reporter = _h.Reporter();

        // Act
        await using (_h.Start(reporter, Ct))
        {
            await _h.UntilAsync(() => _h.Api.Created.Count == 1, "the Node to be created");
        }

        // Assert
        var node = _h.Api.Created.ShouldHaveSingleItem();
        node.Metadata.Name.ShouldBe(Name);
        node.Metadata.Labels.ShouldNotBeNull().ShouldBe(new Dictionary<string, string>
        {
            ["kubernetes.io/hostname"] = Name,
            ["kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = "amd64",
            ["beta.kubernetes.io/os"] = "linux",
            ["beta.kubernetes.io/arch"] = "amd64",
        }, ignoreOrder: true);
        node.Metadata.Annotations.ShouldNotBeNull().ShouldBe(new Dictionary<string, string> { [AttachDetach] = "true" }, ignoreOrder: true);
        node.Spec.Taints.ShouldBeNull();
        node.Spec.Unschedulable.ShouldNotBe(true);
    }

    [Fact]
    public async Task RunAsync_NodeLabels_AppliedAfterTheDefaultsAndOverrideThem()
    {
        // Arrange
        var reporter = _h.Reporter(new NodeAgentOptions
        {
            NodeName = Name,
            NodeLabels = new Dictionary<string, string> { [NodeLabels.Hostname] = "edge-custom", ["example.com/site"] = "lab" },
        });

        // Act
        await using (_h.Start(reporter, Ct))
        {
            await _h.UntilAsync(() => _h.Api.Created.Count == 1, "the Node to be created");
        }

        // Assert
        var labels = _h.Api.Created.ShouldHaveSingleItem().Metadata.Labels.ShouldNotBeNull();
        labels[NodeLabels.Hostname].ShouldBe("edge-custom");
        labels["example.com/site"].ShouldBe("lab");
        labels[NodeLabels.Os].ShouldBe("linux");
    }

    [Fact]
    public async Task RunAsync_NodeLabelOverridesDefault_LaterStatusUpdatesKeepIt()
    {
        // Arrange
        var reporter = _h.Reporter(new NodeAgentOptions
        {
            NodeName = Name,
            NodeLabels = new Dictionary<string, string> { [NodeLabels.Hostname] = "edge-custom" },
        });

        // Act
        await using (_h.Start(reporter, Ct))
        {
            await _h.UntilAsync(() => _h.Api.Created.Count == 1 && _h.Time.TimersCreated == 1, "registration and the periodic timer");
            reporter.RequestUpdate();
            await _h.UntilAsync(() => _h.Api.Patches.Count == 1, "the requested status update");
        }

        // Assert
        Parse(_h.Api.Patches.ShouldHaveSingleItem()).ContainsKey("metadata").ShouldBeFalse();
        _h.Api.Stored(Name).ShouldNotBeNull().Metadata.Labels.ShouldNotBeNull()[NodeLabels.Hostname].ShouldBe("edge-custom");
    }

    [Fact]
    public async Task RunAsync_RegisterWithTaints_TaintsOnTheCreatedNode()
    {
        // Arrange
        var reporter = _h.Reporter(new NodeAgentOptions
        {
            NodeName = Name,
            RegisterWithTaints =
            [
                new Taint { Key = "edge.example.com/dedicated", Value = "sensors", Effect = "NoSchedule" },
                new Taint { Key = "edge.example.com/flaky", Effect = "PreferNoSchedule" },
            ],
        });

        // Act
        await using (_h.Start(reporter, Ct))
        {
            await _h.UntilAsync(() => _h.Api.Created.Count == 1, "the Node to be created");
        }

        // Assert
        var taints = _h.Api.Created.ShouldHaveSingleItem().Spec.Taints.ShouldNotBeNull();
        taints.Select(t => (t.Key, t.Value, t.Effect)).ShouldBe(
        [
            ("edge.example.com/dedicated", "sensors", "NoSchedule"),
            ("edge.example.com/flaky", null, "PreferNoSchedule"),
        ]);
    }

    [Fact]
    public async Task RunAsync_Registers_CreatedNodeCarriesTheFullStatus()
    {
        // Arrange
        var reporter = _h.Reporter();

        // Act
        await using (_h.Start(reporter, Ct))
        {
            await _h.UntilAsync(() => _h.Api.Created.Count == 1, "the Node to be created");
        }

        // Assert
        var status = _h.Api.Created.ShouldHaveSingleItem().Status;
        status.Conditions.ShouldNotBeNull().Select(c => c.Type).ShouldBe(["MemoryPressure", "DiskPressure", "PIDPressure", "Ready"]);
        status.Conditions[^1].Status.ShouldBe("True");
        status.Capacity.ShouldNotBeNull().Keys.ShouldBe(["cpu", "memory", "pods", "ephemeral-storage"], ignoreOrder: true);
        status.Allocatable.ShouldNotBeNull().Count.ShouldBe(4);
        status.Addresses.ShouldNotBeNull().Select(a => a.Type).ShouldBe(["InternalIP", "Hostname"]);
        status.NodeInfo.ShouldNotBeNull().ContainerRuntimeVersion.ShouldBe("containerd://1.7.20");
        status.NodeInfo.BootID.ShouldBe("boot-1");
        status.DaemonEndpoints.ShouldNotBeNull().KubeletEndpoint.ShouldNotBeNull().Port.ShouldBe(10250);
        status.Images.ShouldNotBeNull();
    }

    [Fact]
    public async Task RunAsync_RegisteredReady_ReadyPostedAndConditionEventsRecorded()
    {
        // Arrange
        var reporter = _h.Reporter();

        // Act
        await using (_h.Start(reporter, Ct))
        {
            await _h.UntilAsync(() => reporter.ReadyPosted, "Ready to be posted");
        }

        // Assert
        _h.Api.CountCalls(FakeNodeApi.PatchStatus).ShouldBe(0);
        var reasons = _h.Events.Reasons;
        reasons.ShouldContain("NodeHasSufficientMemory");
        reasons.ShouldContain("NodeHasNoDiskPressure");
        reasons.ShouldContain("NodeHasSufficientPID");
        _h.Events.WithReason("NodeHasSufficientMemory").ShouldHaveSingleItem().Message.ShouldBe($"Node {Name} status is now: NodeHasSufficientMemory");
    }

    [Fact]
    public async Task RunAsync_NodeAlreadyExists_GetsItAndFirstUpdatePatchesMissingOrWrongDefaultLabels()
    {
        // Arrange: registered earlier with another hostname and without the os label
        SeedNode(new Dictionary<string, string>
        {
            [NodeLabels.Hostname] = "old-name",
            [NodeLabels.Arch] = "amd64",
            [NodeLabels.BetaOs] = "linux",
            [NodeLabels.BetaArch] = "amd64",
            ["example.com/site"] = "set-by-admin",
        });
        var reporter = _h.Reporter(new NodeAgentOptions
        {
            NodeName = Name,
            NodeLabels = new Dictionary<string, string> { ["example.com/site"] = "lab" },
        });

        // Act
        await using (_h.Start(reporter, Ct))
        {
            await _h.UntilAsync(() => _h.Api.Patches.Count == 1, "the first status update");
        }

        // Assert
        _h.Api.Calls.Take(2).Select(c => c.Method).ShouldBe([FakeNodeApi.Create, FakeNodeApi.Get]);
        _h.Api.Created.ShouldBeEmpty();
        var labels = Parse(_h.Api.Patches[0])["metadata"]!["labels"]!.AsObject();
        labels.ToDictionary(l => l.Key, l => l.Value!.GetValue<string>()).ShouldBe(new Dictionary<string, string>
        {
            [NodeLabels.Hostname] = Name,
            [NodeLabels.Os] = "linux",
        }, ignoreOrder: true);
        var stored = _h.Api.Stored(Name).ShouldNotBeNull();
        stored.Metadata.Labels.ShouldNotBeNull()["example.com/site"].ShouldBe("set-by-admin");
        stored.Status.Conditions.ShouldNotBeNull().Count.ShouldBe(4);
    }

    [Fact]
    public async Task RunAsync_NodeAlreadyExistsAndGetFails_RetriesTheRegistration()
    {
        // Arrange
        SeedNode();
        _h.Api.FailNext(FakeNodeApi.Get, Unreachable());
        var reporter = _h.Reporter();

        // Act
        await using (_h.Start(reporter, Ct))
        {
            await _h.UntilAsync(() => _h.Time.TimersCreated == 1, "the registration back-off");
            await _h.ExpectRetryAfterAsync(TimeSpan.FromMilliseconds(100), FakeNodeApi.Create);
            await _h.UntilAsync(() => _h.Api.Patches.Count == 1, "the first status update");
        }

        // Assert
        _h.Api.Calls.Take(4).Select(c => c.Method).ShouldBe([FakeNodeApi.Create, FakeNodeApi.Get, FakeNodeApi.Create, FakeNodeApi.Get]);
    }

    [Fact]
    public async Task RunAsync_CreateFails_RetriesWithBackoffFrom100MsDoublingTo7s()
    {
        // Arrange
        int[] delays = [100, 200, 400, 800, 1600, 3200, 6400, 7000, 7000];
        foreach (var _ in delays)
        {
            _h.Api.FailNext(FakeNodeApi.Create, Unreachable());
        }
        var reporter = _h.Reporter();

        // Act
        await using (_h.Start(reporter, Ct))
        {
            for (var i = 0; i < delays.Length; i++)
            {
                await _h.UntilAsync(() => _h.Time.TimersCreated == i + 1, $"back-off {i + 1}");
                await _h.ExpectRetryAfterAsync(TimeSpan.FromMilliseconds(delays[i]), FakeNodeApi.Create);
            }
            await _h.UntilAsync(() => _h.Api.Created.Count == 1, "the Node to be created");
        }

        // Assert
        _h.Api.CountCalls(FakeNodeApi.Create).ShouldBe(delays.Length + 1);
        _h.Api.Stored(Name).ShouldNotBeNull();
    }

    [Fact]
    public async Task RunAsync_RegisterNodeFalse_NeverCreatesAndUpdatesTheExistingNode()
    {
        // Arrange
        SeedNode();
        var reporter = _h.Reporter(new NodeAgentOptions { NodeName = Name, RegisterNode = false });

        // Act
        await using (_h.Start(reporter, Ct))
        {
            await _h.UntilAsync(() => _h.Api.Patches.Count == 1, "the first status update");
        }

        // Assert
        _h.Api.CountCalls(FakeNodeApi.Create).ShouldBe(0);
        StoredCondition("Ready").Status.ShouldBe("True");
        reporter.ReadyPosted.ShouldBeTrue();
    }

    [Fact]
    public async Task RunAsync_RegisterNodeFalseNodeMissing_WaitsForItWithBackoffAndNeverCreates()
    {
        // Arrange
        var reporter = _h.Reporter(new NodeAgentOptions { NodeName = Name, RegisterNode = false });

        // Act
        await using (_h.Start(reporter, Ct))
        {
            await _h.UntilAsync(() => _h.Time.TimersCreated == 1, "the first back-off");
            await _h.ExpectRetryAfterAsync(TimeSpan.FromMilliseconds(100), FakeNodeApi.Get);
            await _h.UntilAsync(() => _h.Time.TimersCreated == 2, "the second back-off");
            SeedNode();
            var gets = _h.Api.CountCalls(FakeNodeApi.Get);
            _h.Time.Advance(TimeSpan.FromMilliseconds(199));
            _h.Api.CountCalls(FakeNodeApi.Get).ShouldBe(gets);
            _h.Time.Advance(TimeSpan.FromMilliseconds(1));
            await _h.UntilAsync(() => _h.Api.Patches.Count == 1, "the found Node's first status update");
        }

        // Assert
        _h.Api.CountCalls(FakeNodeApi.Create).ShouldBe(0);
    }

    // ---- the run loop

    [Fact]
    public async Task RunAsync_NotReadyAtRegistration_FastUpdatesUntilReadyIsPosted()
    {
        // Arrange
        _h.Inputs.MakeRuntimeUnready("container runtime is down");
        var reporter = _h.Reporter();

        // Act
        await using (_h.Start(reporter, Ct))
        {
            await _h.UntilAsync(() => _h.Api.Created.Count == 1 && _h.Time.TimersCreated == 1, "registration and the first fast sync");
            _h.Time.Advance(TimeSpan.FromMilliseconds(200));
            await _h.UntilAsync(() => _h.Time.TimersCreated == 2, "the second fast sync");
            _h.Api.Patches.ShouldBeEmpty("nothing changed yet");
            reporter.ReadyPosted.ShouldBeFalse();
            _h.Inputs.MakeRuntimeReady();
            _h.Time.Advance(TimeSpan.FromMilliseconds(200));
            await _h.UntilAsync(() => reporter.ReadyPosted, "Ready to be posted");
        }

        // Assert
        _h.Api.Created.ShouldHaveSingleItem().Status.Conditions.ShouldNotBeNull()[^1].Status.ShouldBe("False");
        _h.Api.Patches.ShouldHaveSingleItem();
        var ready = StoredCondition("Ready");
        ready.Status.ShouldBe("True");
        _h.Events.WithReason("NodeReady").ShouldHaveSingleItem().Message.ShouldBe($"Node {Name} status is now: NodeReady");
    }

    [Fact]
    public async Task RunAsync_NeverReady_StopsFastUpdatesAfterGracePeriodThenSyncsEveryUpdateFrequency()
    {
        // Arrange
        _h.Inputs.MakeRuntimeUnready();
        var reporter = _h.Reporter(new NodeAgentOptions { NodeName = Name, NodeReadyGracePeriod = TimeSpan.FromSeconds(1) });

        // Act
        await using (_h.Start(reporter, Ct))
        {
            // fast syncs at 0, 0.2, 0.4, 0.6 and 0.8 s, then the periodic timer
            for (var i = 1; i <= 5; i++)
            {
                await _h.UntilAsync(() => _h.Time.TimersCreated == i, $"fast sync {i}");
                _h.Time.Advance(TimeSpan.FromMilliseconds(200));
            }
            await _h.UntilAsync(() => _h.Time.TimersCreated == 6, "the periodic timer");
            var gathered = _h.Inputs.GatherCount;
            _h.Inputs.MakeRuntimeReady();
            _h.Time.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromMilliseconds(1));
            _h.Inputs.GatherCount.ShouldBe(gathered);
            _h.Time.Advance(TimeSpan.FromMilliseconds(1));
            await _h.UntilAsync(() => reporter.ReadyPosted, "the periodic sync to post Ready");
        }

        // Assert: registration plus the five fast syncs, then one periodic sync
        _h.Inputs.GatherCount.ShouldBe(7);
        _h.Api.Patches.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task RunAsync_Ready_PeriodicSyncWritesAChange()
    {
        // Arrange
        var reporter = _h.Reporter();

        // Act
        await using (_h.Start(reporter, Ct))
        {
            await _h.UntilAsync(() => reporter.ReadyPosted && _h.Time.TimersCreated == 1, "registration and the periodic timer");
            _h.Inputs.Pressure = new PressureState(false, true, false);
            _h.Time.Advance(TimeSpan.FromSeconds(10));
            await _h.UntilAsync(() => _h.Api.Patches.Count == 1, "the periodic status update");
        }

        // Assert
        StoredCondition("DiskPressure").Status.ShouldBe("True");
        _h.Events.WithReason("NodeHasDiskPressure").ShouldHaveSingleItem();
    }

    [Fact]
    public async Task RunAsync_RequestUpdate_WritesWithoutWaitingForThePeriod()
    {
        // Arrange
        var reporter = _h.Reporter();

        // Act
        await using (_h.Start(reporter, Ct))
        {
            await _h.UntilAsync(() => reporter.ReadyPosted && _h.Time.TimersCreated == 1, "registration and the periodic timer");
            reporter.RequestUpdate();
            await _h.UntilAsync(() => _h.Api.Patches.Count == 1, "the requested status update");
        }

        // Assert
        _h.Time.TimersFired.ShouldBe(0);
    }

    // ---- one sync

    [Fact]
    public async Task SyncAsync_FirstSync_PatchesTheWholeStatus()
    {
        // Arrange
        SeedNode();
        var reporter = _h.Reporter();

        // Act
        await reporter.SyncAsync(Ct);

        // Assert
        var patch = Parse(_h.Api.Patches.ShouldHaveSingleItem());
        patch.ContainsKey("metadata").ShouldBeFalse();
        patch["status"]!["addresses"]!.AsArray()[^1]!["$patch"]!.GetValue<string>().ShouldBe("replace");
        var status = _h.Api.Stored(Name).ShouldNotBeNull().Status;
        status.Conditions.ShouldNotBeNull().Count.ShouldBe(4);
        status.Addresses.ShouldNotBeNull().Count.ShouldBe(2);
        status.NodeInfo.ShouldNotBeNull().BootID.ShouldBe("boot-1");
    }

    [Fact]
    public async Task SyncAsync_NothingChanged_ReadsTheNodeButDoesNotWrite()
    {
        // Arrange
        SeedNode();
        var reporter = _h.Reporter();
        await reporter.SyncAsync(Ct);
        _h.Api.ClearCalls();
        _h.Time.Advance(TimeSpan.FromSeconds(10));

        // Act
        await reporter.SyncAsync(Ct);

        // Assert
        _h.Api.Calls.Select(c => c.Method).ShouldBe([FakeNodeApi.Get]);
        _h.Inputs.GatherCount.ShouldBe(2);
    }

    [Fact]
    public async Task SyncAsync_ConditionChanged_WritesAndRecordsTheTransition()
    {
        // Arrange
        SeedNode();
        var reporter = _h.Reporter();
        await reporter.SyncAsync(Ct);
        _h.Events.Clear();
        _h.Time.Advance(TimeSpan.FromSeconds(10));
        _h.Inputs.Pressure = new PressureState(true, false, false);

        // Act
        await reporter.SyncAsync(Ct);

        // Assert
        _h.Api.Patches.Count.ShouldBe(2);
        var memory = StoredCondition("MemoryPressure");
        memory.Status.ShouldBe("True");
        memory.Reason.ShouldBe("KubeletHasInsufficientMemory");
        memory.LastTransitionTime.ShouldBe(_h.Time.GetUtcNow());
        _h.Events.Events.ShouldHaveSingleItem().ShouldBe(new NodeEvent(false, "NodeHasInsufficientMemory", $"Node {Name} status is now: NodeHasInsufficientMemory"));
    }

    [Fact]
    public async Task SyncAsync_UnchangedAfterATransition_NoSecondWriteOrEvent()
    {
        // Arrange: a sub-second clock, so the server's whole-second times differ from the computed ones
        SeedNode();
        var reporter = _h.Reporter();
        await reporter.SyncAsync(Ct);
        _h.Time.Advance(TimeSpan.FromMilliseconds(10_250));
        _h.Inputs.Pressure = new PressureState(true, false, false);
        await reporter.SyncAsync(Ct);
        _h.Events.Clear();
        _h.Time.Advance(TimeSpan.FromSeconds(10));

        // Act
        await reporter.SyncAsync(Ct);

        // Assert
        _h.Api.Patches.Count.ShouldBe(2);
        _h.Events.Events.ShouldBeEmpty();
    }

    [Fact]
    public async Task SyncAsync_ReportFrequencyPassed_WritesEvenIfUnchanged()
    {
        // Arrange
        SeedNode();
        var reporter = _h.Reporter();
        await reporter.SyncAsync(Ct);
        _h.Time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        await reporter.SyncAsync(Ct);
        _h.Api.Patches.Count.ShouldBe(1);
        _h.Time.Advance(TimeSpan.FromSeconds(1));

        // Act
        await reporter.SyncAsync(Ct);

        // Assert
        _h.Api.Patches.Count.ShouldBe(2);
        StoredCondition("Ready").LastHeartbeatTime.ShouldBe(_h.Time.GetUtcNow());
    }

    [Fact]
    public async Task SyncAsync_WrittenByReportFrequency_NextReportCountsFromThatWrite()
    {
        // Arrange
        SeedNode();
        var reporter = _h.Reporter();
        await reporter.SyncAsync(Ct);
        _h.Time.Advance(TimeSpan.FromMinutes(5));
        await reporter.SyncAsync(Ct);
        _h.Time.Advance(TimeSpan.FromMinutes(4));

        // Act
        await reporter.SyncAsync(Ct);

        // Assert
        _h.Api.Patches.Count.ShouldBe(2);
    }

    [Fact]
    public async Task SyncAsync_AfterRequestUpdate_WritesEvenIfUnchanged()
    {
        // Arrange
        SeedNode();
        var reporter = _h.Reporter();
        await reporter.SyncAsync(Ct);
        _h.Time.Advance(TimeSpan.FromSeconds(10));
        reporter.RequestUpdate();

        // Act
        await reporter.SyncAsync(Ct);

        // Assert
        _h.Api.Patches.Count.ShouldBe(2);
    }

    [Fact]
    public async Task SyncAsync_PatchAlwaysFails_FiveAttemptsDroppingConnectionsFromTheSecondFailure()
    {
        // Arrange
        SeedNode();
        var reporter = _h.Reporter();
        await reporter.SyncAsync(Ct);
        _h.Api.ClearCalls();
        _h.Inputs.Pressure = new PressureState(false, false, true);
        _h.Api.FailWhen = c => c.Method == FakeNodeApi.PatchStatus ? Unreachable() : null;

        // Act
        await reporter.SyncAsync(Ct);

        // Assert: every attempt reads the Node first
        _h.Api.Calls.Select(c => c.Method).ShouldBe(
        [
            FakeNodeApi.Get, FakeNodeApi.PatchStatus,
            FakeNodeApi.Get, FakeNodeApi.PatchStatus, FakeNodeApi.Drop,
            FakeNodeApi.Get, FakeNodeApi.PatchStatus, FakeNodeApi.Drop,
            FakeNodeApi.Get, FakeNodeApi.PatchStatus, FakeNodeApi.Drop,
            FakeNodeApi.Get, FakeNodeApi.PatchStatus, FakeNodeApi.Drop,
        ]);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(4, 3)]
    public async Task SyncAsync_FailsThenSucceeds_DropsConnectionsOncePerFailureAfterTheFirst(int failures, int drops)
    {
        // Arrange
        SeedNode();
        var reporter = _h.Reporter();
        for (var i = 0; i < failures; i++)
        {
            _h.Api.FailNext(FakeNodeApi.PatchStatus, Unreachable());
        }

        // Act
        await reporter.SyncAsync(Ct);

        // Assert
        _h.Api.CountCalls(FakeNodeApi.PatchStatus).ShouldBe(failures + 1);
        _h.Api.CountCalls(FakeNodeApi.Drop).ShouldBe(drops);
        _h.Api.Patches.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task SyncAsync_NodeMissing_GivesUpAfterFiveAttemptsWithoutThrowing()
    {
        // Arrange
        var reporter = _h.Reporter();

        // Act
        await reporter.SyncAsync(Ct);

        // Assert
        _h.Api.CountCalls(FakeNodeApi.Get).ShouldBe(5);
        _h.Api.CountCalls(FakeNodeApi.Drop).ShouldBe(4);
        _h.Api.CountCalls(FakeNodeApi.PatchStatus).ShouldBe(0);
    }

    [Fact]
    public async Task SyncAsync_BootIdChanged_RebootedWarning()
    {
        // Arrange
        SeedNode(bootId: "boot-0");
        var reporter = _h.Reporter();

        // Act
        await reporter.SyncAsync(Ct);

        // Assert
        _h.Events.WithReason("Rebooted").ShouldHaveSingleItem().ShouldBe(new NodeEvent(true, "Rebooted", $"Node {Name} has been rebooted, boot id: boot-1"));
        _h.Api.Stored(Name).ShouldNotBeNull().Status.NodeInfo.ShouldNotBeNull().BootID.ShouldBe("boot-1");
    }

    [Theory]
    [InlineData("boot-1")]
    [InlineData("")]
    [InlineData(null)]
    public async Task SyncAsync_BootIdSameOrUnknown_NoRebootedEvent(string? previousBootId)
    {
        // Arrange
        SeedNode(bootId: previousBootId);
        var reporter = _h.Reporter();

        // Act
        await reporter.SyncAsync(Ct);

        // Assert
        _h.Api.Patches.ShouldHaveSingleItem();
        _h.Events.WithReason("Rebooted").ShouldBeEmpty();
    }

    [Fact]
    public async Task SyncAsync_RebootedThenUnchanged_WarnsOnce()
    {
        // Arrange
        SeedNode(bootId: "boot-0");
        var reporter = _h.Reporter();
        await reporter.SyncAsync(Ct);
        _h.Time.Advance(TimeSpan.FromMinutes(5));

        // Act
        await reporter.SyncAsync(Ct);

        // Assert
        _h.Api.Patches.Count.ShouldBe(2);
        _h.Events.WithReason("Rebooted").ShouldHaveSingleItem();
    }

    [Fact]
    public async Task SyncAsync_NotReadyWritten_ReadyNotPosted()
    {
        // Arrange
        SeedNode();
        _h.Inputs.MakeRuntimeUnready("container runtime is down");
        var reporter = _h.Reporter();

        // Act
        await reporter.SyncAsync(Ct);

        // Assert
        _h.Api.Patches.ShouldHaveSingleItem();
        reporter.ReadyPosted.ShouldBeFalse();
        StoredCondition("Ready").Message.ShouldBe("container runtime is down");
    }

    [Fact]
    public async Task SyncAsync_ReadyWritten_ReadyPosted()
    {
        // Arrange
        SeedNode();
        _h.Inputs.MakeRuntimeUnready();
        var reporter = _h.Reporter();
        await reporter.SyncAsync(Ct);
        _h.Inputs.MakeRuntimeReady();

        // Act
        await reporter.SyncAsync(Ct);

        // Assert
        reporter.ReadyPosted.ShouldBeTrue();
        StoredCondition("Ready").Reason.ShouldBe("KubeletReady");
    }

    [Fact]
    public async Task SyncAsync_ReadyWriteFails_ReadyNotPosted()
    {
        // Arrange
        SeedNode();
        _h.Api.FailWhen = c => c.Method == FakeNodeApi.PatchStatus ? Unreachable() : null;
        var reporter = _h.Reporter();

        // Act
        await reporter.SyncAsync(Ct);

        // Assert
        reporter.ReadyPosted.ShouldBeFalse();
        _h.Events.Events.ShouldBeEmpty();
    }

    [Fact]
    public async Task SyncAsync_PreviousConditions_TakenFromTheNodeRead()
    {
        // Arrange
        SeedNode();
        var reporter = _h.Reporter();
        await reporter.SyncAsync(Ct);
        var transition = StoredCondition("Ready").LastTransitionTime;
        _h.Time.Advance(TimeSpan.FromMinutes(6));

        // Act
        await reporter.SyncAsync(Ct);

        // Assert
        _h.Inputs.PreviousConditionsSeen[1].Select(c => c.Type).ShouldBe(["MemoryPressure", "DiskPressure", "PIDPressure", "Ready"]);
        StoredCondition("Ready").LastTransitionTime.ShouldBe(transition);
        StoredCondition("Ready").LastHeartbeatTime.ShouldBe(_h.Time.GetUtcNow());
    }

    [Fact]
    public async Task SyncAsync_DefaultLabelsCorrect_NoLabelsInPatch()
    {
        // Arrange
        SeedNode();
        var reporter = _h.Reporter();

        // Act
        await reporter.SyncAsync(Ct);

        // Assert
        Parse(_h.Api.Patches.ShouldHaveSingleItem()).ContainsKey("metadata").ShouldBeFalse();
    }

    [Fact]
    public async Task SyncAsync_ArchLabelChangedOnTheServer_FixedByTheNextSync()
    {
        // Arrange: someone changes kubernetes.io/arch after the first write
        SeedNode();
        var reporter = _h.Reporter();
        await reporter.SyncAsync(Ct);
        var node = _h.Api.Stored(Name).ShouldNotBeNull();
        node.Metadata.Labels![NodeLabels.Arch] = "arm";
        _h.Api.Seed(node);
        _h.Time.Advance(TimeSpan.FromSeconds(10));

        // Act: the status is unchanged, only the label is wrong
        await reporter.SyncAsync(Ct);

        // Assert
        _h.Api.Patches.Count.ShouldBe(2);
        var labels = Parse(_h.Api.Patches[^1])["metadata"]!["labels"]!.AsObject();
        labels.Select(l => l.Key).ShouldBe([NodeLabels.Arch]);
        _h.Api.Stored(Name).ShouldNotBeNull().Metadata.Labels.ShouldNotBeNull()[NodeLabels.Arch].ShouldBe("amd64");
    }

    [Fact]
    public async Task SyncAsync_NodeLabelsOverrideOs_OsStillForced()
    {
        // Arrange: the kubelet forces kubernetes.io/os and kubernetes.io/arch on every update
        SeedNode(new Dictionary<string, string>(NodeLabels.Defaults(Name, _h.Inputs.Machine)) { [NodeLabels.Os] = "plan9" });
        var reporter = _h.Reporter(new NodeAgentOptions
        {
            NodeName = Name,
            NodeLabels = new Dictionary<string, string> { [NodeLabels.Os] = "plan9" },
        });

        // Act
        await reporter.SyncAsync(Ct);

        // Assert
        _h.Api.Stored(Name).ShouldNotBeNull().Metadata.Labels.ShouldNotBeNull()[NodeLabels.Os].ShouldBe("linux");
    }
}
