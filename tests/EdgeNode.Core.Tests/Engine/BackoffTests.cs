using EdgeNode.Core.Engine;
using EdgeNode.Testing;
using Shouldly;

namespace EdgeNode.Core.Tests.Engine;

public sealed class BackoffTests
{
    private const string Key = "uid/app";
    private readonly TrackingTimeProvider _time = new();
    private readonly Backoff _backoff;

    public BackoffTests()
    {
        _backoff = new Backoff(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(300), TimeSpan.FromMinutes(10), _time);
    }

    [Fact]
    public void IsInBackoffSince_NoEntry_IsFalseSoFirstRestartIsImmediate()
    {
        // Arrange
        var finished = _time.GetUtcNow();

        // Act
        var inBackoff = _backoff.IsInBackoffSince(Key, finished);

        // Assert
        inBackoff.ShouldBeFalse();
        _backoff.Current(Key).ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void Next_RepeatedRestarts_DoublesFrom10sAndCapsAt300s()
    {
        // Arrange
        var seen = new List<double>();

        // Act
        for (var i = 0; i < 8; i++)
        {
            _backoff.Next(Key);
            seen.Add(_backoff.Current(Key).TotalSeconds);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        // Assert
        seen.ShouldBe([10, 20, 40, 80, 160, 300, 300, 300]);
    }

    [Fact]
    public void IsInBackoffSince_LessThanDelaySinceFinish_IsTrueUntilDelayPassed()
    {
        // Arrange
        _backoff.Next(Key);
        var finished = _time.GetUtcNow();

        // Act
        _time.Advance(TimeSpan.FromSeconds(9));
        var at9 = _backoff.IsInBackoffSince(Key, finished);
        _time.Advance(TimeSpan.FromSeconds(1));
        var at10 = _backoff.IsInBackoffSince(Key, finished);

        // Assert
        at9.ShouldBeTrue();
        at10.ShouldBeFalse();
    }

    [Fact]
    public void Next_MoreThan10MinutesWithoutUpdate_StartsOverAt10s()
    {
        // Arrange
        _backoff.Next(Key);
        _backoff.Next(Key);
        _backoff.Next(Key);
        _backoff.Current(Key).ShouldBe(TimeSpan.FromSeconds(40));

        // Act
        _time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        var expired = _backoff.Current(Key);
        _backoff.Next(Key);

        // Assert
        expired.ShouldBe(TimeSpan.Zero);
        _backoff.Current(Key).ShouldBe(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Next_Exactly10MinutesAfterUpdate_KeepsDoubling()
    {
        // Arrange
        _backoff.Next(Key);

        // Act
        _time.Advance(TimeSpan.FromMinutes(10));
        _backoff.Next(Key);

        // Assert
        _backoff.Current(Key).ShouldBe(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void IsInBackoffSince_ExpiredEntry_IsFalse()
    {
        // Arrange
        _backoff.Next(Key);
        _time.Advance(TimeSpan.FromMinutes(11));

        // Act
        var inBackoff = _backoff.IsInBackoffSince(Key, _time.GetUtcNow());

        // Assert
        inBackoff.ShouldBeFalse();
    }

    [Fact]
    public void IsInBackoffSinceUpdate_AfterNext_IsTrueForTheDelayCountedFromTheUpdate()
    {
        // Arrange
        _backoff.Next(Key);

        // Act
        var immediately = _backoff.IsInBackoffSinceUpdate(Key);
        _time.Advance(TimeSpan.FromSeconds(9.9));
        var before = _backoff.IsInBackoffSinceUpdate(Key);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        var after = _backoff.IsInBackoffSinceUpdate(Key);

        // Assert
        immediately.ShouldBeTrue();
        before.ShouldBeTrue();
        after.ShouldBeFalse();
        _backoff.IsInBackoffSinceUpdate("unknown").ShouldBeFalse();
    }

    [Fact]
    public void RetryAt_AfterTwoUpdates_IsLastUpdatePlusCurrentDelay()
    {
        // Arrange
        _backoff.Next(Key);
        _time.Advance(TimeSpan.FromSeconds(12));
        _backoff.Next(Key);
        var updated = _time.GetUtcNow();

        // Act
        var retryAt = _backoff.RetryAt(Key);

        // Assert
        retryAt.ShouldBe(updated + TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void RetryAt_UnknownKey_IsNow()
    {
        // Act
        var retryAt = _backoff.RetryAt("unknown");

        // Assert
        retryAt.ShouldBe(_time.GetUtcNow());
    }

    [Fact]
    public void ReadyAt_WithEntry_IsSincePlusCurrentDelay()
    {
        // Arrange
        _backoff.Next(Key);
        _backoff.Next(Key);
        var finished = _time.GetUtcNow() - TimeSpan.FromSeconds(3);

        // Act
        var readyAt = _backoff.ReadyAt(Key, finished);

        // Assert
        readyAt.ShouldBe(finished + TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void Reset_Key_ForgetsOnlyThatKey()
    {
        // Arrange
        _backoff.Next(Key);
        _backoff.Next("uid/other");

        // Act
        _backoff.Reset(Key);

        // Assert
        _backoff.Current(Key).ShouldBe(TimeSpan.Zero);
        _backoff.Current("uid/other").ShouldBe(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void ResetPrefix_PodUid_ForgetsThatPodsKeysOnly()
    {
        // Arrange
        _backoff.Next("pod-a/app");
        _backoff.Next("pod-a/sidecar");
        _backoff.Next("pod-ab/app");

        // Act
        _backoff.ResetPrefix("pod-a/");

        // Assert
        _backoff.Current("pod-a/app").ShouldBe(TimeSpan.Zero);
        _backoff.Current("pod-a/sidecar").ShouldBe(TimeSpan.Zero);
        _backoff.Current("pod-ab/app").ShouldBe(TimeSpan.FromSeconds(10));
    }
}
