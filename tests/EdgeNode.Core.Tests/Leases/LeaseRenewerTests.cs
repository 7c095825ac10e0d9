using EdgeNode.Core.Api;
using EdgeNode.Core.Leases;
using EdgeNode.Core.Nodes;
using EdgeNode.Core.Pods;
using EdgeNode.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;

namespace EdgeNode.Core.Tests.Leases;

public sealed class LeaseRenewerTests
{
    private const string Name = "edge-1";
    private const string NodeUid = "node-uid-1";
    private static readonly string Get = FakeLeaseApi.Get;
    private static readonly string Create = FakeLeaseApi.Create;
    private static readonly string Update = FakeLeaseApi.Update;
    private readonly ProgressSignal _progress = new();
    private readonly TrackingTimeProvider _time;
    private readonly FakeLeaseApi _leases;
    private readonly FakeNodeApi _nodes;

    public LeaseRenewerTests()
    {
        _time = new TrackingTimeProvider(_progress);
        _leases = new FakeLeaseApi(_progress);
        _nodes = new FakeNodeApi(_progress);
        // a clock with microseconds (and a tenth of one more, which MicroTime drops)
        _time.Advance(TimeSpan.FromTicks(1_234_567));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ApiException Unreachable() => new(ApiErrorKind.Unreachable, "dial tcp 10.0.0.1:6443: i/o timeout");

    private static ApiException Conflict() => new(ApiErrorKind.Conflict, "the object has been modified");

    /// <summary>Now as MicroTime keeps it.</summary>
    private DateTimeOffset MicroNow => _time.GetUtcNow().AddTicks(-(_time.GetUtcNow().Ticks % 10));

    private LeaseRenewer Renewer(int durationSeconds = 40) => new(Name, durationSeconds, _leases, _nodes, _time, NullLogger.Instance);

    private void SeedNode() => _nodes.Seed(new Node { Metadata = new ObjectMeta { Name = Name, Uid = NodeUid } });

    private Lease SeedLease(bool withOwner = true, string holder = Name, int duration = 40) => _leases.Seed(new Lease
    {
        Metadata = new ObjectMeta
        {
            Name = Name,
            Namespace = "kube-node-lease",
            OwnerReferences = withOwner ? [new OwnerReference { ApiVersion = "v1", Kind = "Node", Name = Name, Uid = NodeUid }] : null,
        },
        Spec = new LeaseSpec { HolderIdentity = holder, LeaseDurationSeconds = duration, RenewTime = _time.GetUtcNow().AddMinutes(-10) },
    });

    private Lease Sent(string method) => _leases.CallsTo(method)[^1].Lease.ShouldNotBeNull();

    private Task UntilAsync(Func<bool> condition, string description) => AsyncWait.UntilAsync(condition, description, _progress);

    /// <summary>With a loop waiting on a timer of exactly <paramref name="delay"/>, the next lease GET comes exactly then.</summary>
    private async Task ExpectGetAfterAsync(TimeSpan delay)
    {
        var gets = _leases.CountCalls(Get);
        var fired = _time.TimersFired;
        _time.Advance(delay - TimeSpan.FromMilliseconds(1));
        _time.TimersFired.ShouldBe(fired, $"nothing should wake up before {delay.TotalMilliseconds} ms");
        _time.Advance(TimeSpan.FromMilliseconds(1));
        _time.TimersFired.ShouldBe(fired + 1, $"the back-off should end at {delay.TotalMilliseconds} ms");
        await UntilAsync(() => _leases.CountCalls(Get) == gets + 1, $"the GET after {delay.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task RenewAsync_NoLease_CreatesItInKubeNodeLeaseOwnedByTheNode()
    {
        // Arrange
        SeedNode();
        var renewer = Renewer();

        // Act
        await renewer.RenewAsync(Ct);

        // Assert
        _leases.Methods.ShouldBe([Get, Create]);
        var lease = Sent(Create);
        lease.ApiVersion.ShouldBe("coordination.k8s.io/v1");
        lease.Kind.ShouldBe("Lease");
        lease.Metadata.Namespace.ShouldBe("kube-node-lease");
        lease.Metadata.Name.ShouldBe(Name);
        lease.Spec.HolderIdentity.ShouldBe(Name);
        lease.Spec.LeaseDurationSeconds.ShouldBe(40);
        lease.Spec.RenewTime.ShouldBe(MicroNow);
        var owner = lease.Metadata.OwnerReferences.ShouldNotBeNull().ShouldHaveSingleItem();
        owner.ApiVersion.ShouldBe("v1");
        owner.Kind.ShouldBe("Node");
        owner.Name.ShouldBe(Name);
        owner.Uid.ShouldBe(NodeUid);
        owner.Controller.ShouldBeNull();
        owner.BlockOwnerDeletion.ShouldBeNull();
        renewer.LastRenewed.ShouldBe(_time.GetUtcNow());
        _leases.Stored(Name).ShouldNotBeNull().Spec.RenewTime.ShouldBe(MicroNow);
    }

    [Fact]
    public async Task RenewAsync_LeaseCached_PutsTheCachedLeaseWithoutGet()
    {
        // Arrange
        SeedNode();
        var renewer = Renewer();
        await renewer.RenewAsync(Ct);
        var version = _leases.Stored(Name).ShouldNotBeNull().Metadata.ResourceVersion;
        _leases.ClearCalls();
        _nodes.ClearCalls();
        _time.Advance(TimeSpan.FromSeconds(10));

        // Act
        await renewer.RenewAsync(Ct);

        // Assert
        _leases.Methods.ShouldBe([Update]);
        _nodes.Calls.ShouldBeEmpty();
        var sent = Sent(Update);
        sent.Metadata.ResourceVersion.ShouldBe(version);
        sent.Spec.RenewTime.ShouldBe(MicroNow);
        sent.Metadata.OwnerReferences.ShouldNotBeNull().ShouldHaveSingleItem().Uid.ShouldBe(NodeUid);
        _leases.Stored(Name).ShouldNotBeNull().Spec.RenewTime.ShouldBe(MicroNow);
        renewer.LastRenewed.ShouldBe(_time.GetUtcNow());
    }

    [Fact]
    public async Task RenewAsync_TwoRenewalsAfterCreate_EachUsesTheVersionTheLastWriteReturned()
    {
        // Arrange
        SeedNode();
        var renewer = Renewer();
        await renewer.RenewAsync(Ct);
        _time.Advance(TimeSpan.FromSeconds(10));
        await renewer.RenewAsync(Ct);
        var version = _leases.Stored(Name).ShouldNotBeNull().Metadata.ResourceVersion;
        _leases.ClearCalls();
        _time.Advance(TimeSpan.FromSeconds(10));

        // Act
        await renewer.RenewAsync(Ct);

        // Assert
        _leases.Methods.ShouldBe([Update]);
        Sent(Update).Metadata.ResourceVersion.ShouldBe(version);
    }

    [Fact]
    public async Task RenewAsync_OptimisticUpdateFails_FallsBackToGetAndUpdate()
    {
        // Arrange
        SeedNode();
        var renewer = Renewer();
        await renewer.RenewAsync(Ct);
        _leases.ClearCalls();
        _time.Advance(TimeSpan.FromSeconds(10));
        _leases.FailNext(Update, Unreachable());

        // Act
        await renewer.RenewAsync(Ct);

        // Assert
        _leases.Methods.ShouldBe([Update, Get, Update]);
        _leases.Stored(Name).ShouldNotBeNull().Spec.RenewTime.ShouldBe(MicroNow);
        _nodes.CountCalls(FakeNodeApi.Drop).ShouldBe(0);
    }

    [Fact]
    public async Task RenewAsync_CachedLeaseStale_ConflictThenFreshGetAndUpdate()
    {
        // Arrange: another writer changed the lease since our last write
        SeedNode();
        var renewer = Renewer();
        await renewer.RenewAsync(Ct);
        _leases.Touch(Name);
        var current = _leases.Stored(Name).ShouldNotBeNull().Metadata.ResourceVersion;
        _leases.ClearCalls();
        _time.Advance(TimeSpan.FromSeconds(10));

        // Act
        await renewer.RenewAsync(Ct);

        // Assert
        _leases.Methods.ShouldBe([Update, Get, Update]);
        Sent(Update).Metadata.ResourceVersion.ShouldBe(current);
        _leases.Stored(Name).ShouldNotBeNull().Spec.RenewTime.ShouldBe(MicroNow);
    }

    [Fact]
    public async Task RenewAsync_ConflictOnUpdate_ReadsAgainAndRetries()
    {
        // Arrange
        SeedNode();
        SeedLease();
        var renewer = Renewer();
        _leases.FailNext(Update, Conflict());

        // Act
        await renewer.RenewAsync(Ct);

        // Assert
        _leases.Methods.ShouldBe([Get, Update, Get, Update]);
        _nodes.CountCalls(FakeNodeApi.Drop).ShouldBe(0);
        renewer.LastRenewed.ShouldBe(_time.GetUtcNow());
    }

    [Fact]
    public async Task RenewAsync_ExistingLease_RenewsItWithoutCreating()
    {
        // Arrange
        SeedNode();
        var seeded = SeedLease(holder: "someone-else", duration: 15);
        var renewer = Renewer();

        // Act
        await renewer.RenewAsync(Ct);

        // Assert
        _leases.Methods.ShouldBe([Get, Update]);
        var sent = Sent(Update);
        sent.Metadata.ResourceVersion.ShouldBe(seeded.Metadata.ResourceVersion);
        sent.Spec.HolderIdentity.ShouldBe(Name);
        sent.Spec.LeaseDurationSeconds.ShouldBe(40);
        sent.Spec.RenewTime.ShouldBe(MicroNow);
    }

    [Fact]
    public async Task RenewAsync_ExistingLeaseWithoutOwner_AddsTheNodeAsOwner()
    {
        // Arrange
        SeedNode();
        SeedLease(withOwner: false);
        var renewer = Renewer();

        // Act
        await renewer.RenewAsync(Ct);

        // Assert
        var owner = Sent(Update).Metadata.OwnerReferences.ShouldNotBeNull().ShouldHaveSingleItem();
        (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid).ShouldBe(("v1", "Node", Name, NodeUid));
    }

    [Fact]
    public async Task RenewAsync_ExistingLeaseWithoutOwnerNodeUnreadable_RenewedWithoutTheReference()
    {
        // Arrange
        SeedNode();
        SeedLease(withOwner: false);
        _nodes.FailNext(FakeNodeApi.Get, Unreachable());
        var renewer = Renewer();

        // Act
        await renewer.RenewAsync(Ct);

        // Assert
        var sent = Sent(Update);
        sent.Metadata.OwnerReferences.ShouldBeNull();
        sent.Spec.RenewTime.ShouldBe(MicroNow);
        renewer.LastRenewed.ShouldBe(_time.GetUtcNow());
    }

    [Fact]
    public async Task RenewAsync_OwnerMissingThenNodeReadable_ALaterRenewalAddsIt()
    {
        // Arrange
        SeedLease(withOwner: false);
        var renewer = Renewer();
        await renewer.RenewAsync(Ct);
        Sent(Update).Metadata.OwnerReferences.ShouldBeNull();
        SeedNode();
        _time.Advance(TimeSpan.FromSeconds(10));

        // Act
        await renewer.RenewAsync(Ct);

        // Assert
        _leases.CallsTo(Update).Count.ShouldBe(2);
        Sent(Update).Metadata.OwnerReferences.ShouldNotBeNull().ShouldHaveSingleItem().Uid.ShouldBe(NodeUid);
    }

    [Fact]
    public async Task RenewAsync_NodeNotFound_NoLeaseCreatedAndRetriesWithBackoffFrom200MsDoublingTo7s()
    {
        // Arrange
        var renewer = Renewer();
        int[] delays = [200, 400, 800, 1600, 3200, 6400, 7000, 7000];

        // Act
        var renewal = renewer.RenewAsync(Ct);
        for (var i = 0; i < delays.Length; i++)
        {
            await UntilAsync(() => _time.TimersCreated == i + 1, $"back-off {i + 1}");
            _leases.CountCalls(Create).ShouldBe(0);
            renewal.IsCompleted.ShouldBeFalse();
            await ExpectGetAfterAsync(TimeSpan.FromMilliseconds(delays[i]));
        }
        await UntilAsync(() => _time.TimersCreated == delays.Length + 1, "the last back-off");
        SeedNode();
        await ExpectGetAfterAsync(TimeSpan.FromSeconds(7));
        await renewal;

        // Assert
        _leases.CountCalls(Get).ShouldBe(delays.Length + 2);
        _leases.CountCalls(Create).ShouldBe(1);
        Sent(Create).Metadata.OwnerReferences.ShouldNotBeNull().ShouldHaveSingleItem().Uid.ShouldBe(NodeUid);
        renewer.LastRenewed.ShouldBe(_time.GetUtcNow());
    }

    [Fact]
    public async Task RenewAsync_LeaseGetFails_RetriesWithBackoff()
    {
        // Arrange
        SeedNode();
        _leases.FailNext(Get, Unreachable());
        _leases.FailNext(Get, Unreachable());
        var renewer = Renewer();

        // Act
        var renewal = renewer.RenewAsync(Ct);
        await UntilAsync(() => _time.TimersCreated == 1, "the first back-off");
        await ExpectGetAfterAsync(TimeSpan.FromMilliseconds(200));
        await UntilAsync(() => _time.TimersCreated == 2, "the second back-off");
        await ExpectGetAfterAsync(TimeSpan.FromMilliseconds(400));
        await renewal;

        // Assert
        _leases.Methods.ShouldBe([Get, Get, Get, Create]);
    }

    [Fact]
    public async Task RenewAsync_UpdateAlwaysFails_FiveAttemptsDroppingConnectionsFromTheSecondFailure()
    {
        // Arrange
        SeedNode();
        SeedLease();
        _leases.FailWhen = c => c.Method == FakeLeaseApi.Update ? Unreachable() : null;
        var renewer = Renewer();

        // Act
        await renewer.RenewAsync(Ct);

        // Assert
        _leases.Methods.ShouldBe([Get, Update, Update, Update, Update, Update]);
        _nodes.CountCalls(FakeNodeApi.Drop).ShouldBe(4);
        renewer.LastRenewed.ShouldBeNull();
    }

    [Fact]
    public async Task RenewAsync_CachedUpdateAndRetriesFail_OptimisticFailureDoesNotDropConnections()
    {
        // Arrange
        SeedNode();
        var renewer = Renewer();
        await renewer.RenewAsync(Ct);
        var renewed = renewer.LastRenewed;
        _leases.ClearCalls();
        _time.Advance(TimeSpan.FromSeconds(10));
        _leases.FailWhen = c => c.Method == FakeLeaseApi.Update ? Unreachable() : null;

        // Act
        await renewer.RenewAsync(Ct);

        // Assert
        _leases.Methods.ShouldBe([Update, Get, Update, Update, Update, Update, Update]);
        _nodes.CountCalls(FakeNodeApi.Drop).ShouldBe(4);
        renewer.LastRenewed.ShouldBe(renewed);
    }

    [Fact]
    public async Task RenewAsync_AfterFailedRenewal_NextRenewalReadsTheLeaseFirst()
    {
        // Arrange: a cached lease, then a renewal whose updates all fail
        SeedNode();
        var renewer = Renewer();
        await renewer.RenewAsync(Ct);
        _time.Advance(TimeSpan.FromSeconds(10));
        _leases.FailWhen = c => c.Method == FakeLeaseApi.Update ? Unreachable() : null;
        await renewer.RenewAsync(Ct);
        _leases.FailWhen = null;
        _leases.ClearCalls();
        _time.Advance(TimeSpan.FromSeconds(10));

        // Act
        await renewer.RenewAsync(Ct);

        // Assert
        _leases.Methods.ShouldBe([Get, Update]);
        renewer.LastRenewed.ShouldBe(_time.GetUtcNow());
    }

    [Theory]
    [InlineData(40, 10)]
    [InlineData(20, 5)]
    [InlineData(60, 15)]
    public void RenewInterval_QuarterOfTheDuration(int durationSeconds, int expectedSeconds)
    {
        // Act
        var interval = Renewer(durationSeconds).RenewInterval;

        // Assert
        interval.ShouldBe(TimeSpan.FromSeconds(expectedSeconds));
    }

    [Fact]
    public async Task RunAsync_Default_RenewsAfterTenSecondsPlusAtMostFourPercentJitter()
    {
        // Arrange
        SeedNode();
        var renewer = Renewer();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        // Act
        var run = renewer.RunAsync(stop.Token);
        await UntilAsync(() => _leases.CountCalls(Create) == 1 && _time.TimersCreated == 1, "the first renewal");
        _time.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromMilliseconds(1));
        var firedEarly = _time.TimersFired;
        _time.Advance(TimeSpan.FromMilliseconds(401));
        await UntilAsync(() => _leases.CountCalls(Update) == 1 && _time.TimersCreated == 2, "the second renewal");
        await stop.CancelAsync();

        // Assert
        firedEarly.ShouldBe(0);
        await Should.ThrowAsync<OperationCanceledException>(run);
        _leases.Methods.ShouldBe([Get, Create, Update]);
    }
}
