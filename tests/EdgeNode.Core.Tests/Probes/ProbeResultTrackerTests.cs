using EdgeNode.Core.Probes;
using Shouldly;

namespace EdgeNode.Core.Tests.Probes;

public sealed class ProbeResultTrackerTests
{
    [Theory]
    [InlineData(ProbeType.Liveness, ProbeResult.Success)]
    [InlineData(ProbeType.Readiness, ProbeResult.Failure)]
    [InlineData(ProbeType.Startup, ProbeResult.Unknown)]
    public void Result_BeforeAnyAttempt_KubeletInitialResult(ProbeType type, ProbeResult expected) =>
        new ProbeResultTracker(type, 1, 3).Result.ShouldBe(expected);

    [Fact]
    public void Record_FailuresBelowThreshold_ResultUnchanged()
    {
        // Arrange
        var tracker = new ProbeResultTracker(ProbeType.Liveness, 1, 3);

        // Act
        var changed = new[] { tracker.Record(false), tracker.Record(false) };

        // Assert
        changed.ShouldBe([false, false]);
        tracker.Result.ShouldBe(ProbeResult.Success);
    }

    [Fact]
    public void Record_FailureThresholdReached_FlipsToFailureOnce()
    {
        // Arrange
        var tracker = new ProbeResultTracker(ProbeType.Liveness, 1, 3);

        // Act
        var changed = new[] { tracker.Record(false), tracker.Record(false), tracker.Record(false), tracker.Record(false) };

        // Assert
        changed.ShouldBe([false, false, true, false]);
        tracker.Result.ShouldBe(ProbeResult.Failure);
    }

    [Fact]
    public void Record_SuccessBetweenFailures_RestartsFailureCount()
    {
        // Arrange
        var tracker = new ProbeResultTracker(ProbeType.Liveness, 1, 3);

        // Act
        tracker.Record(false);
        tracker.Record(false);
        tracker.Record(true);
        tracker.Record(false);
        tracker.Record(false);

        // Assert
        tracker.Result.ShouldBe(ProbeResult.Success);
    }

    [Fact]
    public void Record_ReadinessSuccessThresholdTwo_NeedsTwoConsecutiveSuccesses()
    {
        // Arrange
        var tracker = new ProbeResultTracker(ProbeType.Readiness, 2, 3);

        // Act
        var first = tracker.Record(true);
        var afterOne = tracker.Result;
        tracker.Record(false);
        tracker.Record(true);
        var afterInterrupted = tracker.Result;
        var second = tracker.Record(true);

        // Assert
        first.ShouldBeFalse();
        afterOne.ShouldBe(ProbeResult.Failure);
        afterInterrupted.ShouldBe(ProbeResult.Failure);
        second.ShouldBeTrue();
        tracker.Result.ShouldBe(ProbeResult.Success);
    }

    [Fact]
    public void Record_StartupFirstSuccess_FlipsFromUnknown()
    {
        // Arrange
        var tracker = new ProbeResultTracker(ProbeType.Startup, 1, 30);

        // Act
        var changed = tracker.Record(true);

        // Assert
        changed.ShouldBeTrue();
        tracker.Result.ShouldBe(ProbeResult.Success);
    }
}
