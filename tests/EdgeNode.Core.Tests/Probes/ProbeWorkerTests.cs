using EdgeNode.Core.Pods;
using EdgeNode.Core.Probes;
using EdgeNode.Testing;
using Shouldly;

namespace EdgeNode.Core.Tests.Probes;

public sealed class ProbeWorkerTests : IAsyncDisposable
{
    private static readonly ProbeTarget Target = new("ctr-1", "10.88.0.2", []);
    private readonly ProgressSignal _progress = new();
    private readonly TrackingTimeProvider _time;
    private readonly FakeProber _prober;
    private readonly List<(ProbeOutcome Outcome, bool Changed)> _reports = [];
    private readonly Lock _lock = new();
    private ProbeWorker? _worker;

    public ProbeWorkerTests()
    {
        _time = new TrackingTimeProvider(_progress);
        _prober = new FakeProber(_progress);
    }

    public async ValueTask DisposeAsync()
    {
        if (_worker is not null)
        {
            await _worker.DisposeAsync();
        }
    }

    private int Reports
    {
        get
        {
            lock (_lock)
            {
                return _reports.Count;
            }
        }
    }

    private ProbeWorker Start(ProbeType type, Probe probe, DateTimeOffset? startedAt = null, Func<bool>? mayRun = null)
    {
        _worker = new ProbeWorker(type, probe, Target, startedAt ?? _time.GetUtcNow(), _prober, _time, mayRun ?? (() => true), (_, outcome, changed) =>
        {
            lock (_lock)
            {
                _reports.Add((outcome, changed));
            }
        });
        return _worker;
    }

    private Task TimersAsync(int count) =>
        AsyncWait.UntilAsync(() => _time.TimersCreated >= count, $"{count} timer(s) armed by the probe worker", _progress);

    private Task ProbeCallsAsync(Probe probe, int count) =>
        AsyncWait.UntilAsync(() => _prober.CallsTo(probe) >= count, $"{count} probe call(s)", _progress);

    private static Probe Exec(int initialDelay = 0, int period = 10, int failureThreshold = 3) => new()
    {
        Exec = new ExecAction { Command = ["true"] },
        InitialDelaySeconds = initialDelay,
        PeriodSeconds = period,
        FailureThreshold = failureThreshold,
        SuccessThreshold = 1,
    };

    [Fact]
    public async Task Run_InitialDelay_NoProbeBeforeItPassed()
    {
        // Arrange
        var probe = Exec(initialDelay: 5);
        Start(ProbeType.Readiness, probe);
        await TimersAsync(1);

        // Act
        _time.Advance(TimeSpan.FromSeconds(4));
        var before = _prober.CallsTo(probe);
        _time.Advance(TimeSpan.FromSeconds(1));
        await ProbeCallsAsync(probe, 1);

        // Assert
        before.ShouldBe(0);
        _prober.CallsTo(probe).ShouldBe(1);
        _prober.Calls[0].Target.ShouldBe(Target);
    }

    [Fact]
    public async Task Run_InitialDelayAlreadyPassedSinceStart_ProbesImmediately()
    {
        // Arrange
        var probe = Exec(initialDelay: 30);

        // Act
        Start(ProbeType.Readiness, probe, startedAt: _time.GetUtcNow() - TimeSpan.FromMinutes(1));
        await ProbeCallsAsync(probe, 1);

        // Assert
        _prober.CallsTo(probe).ShouldBe(1);
    }

    [Fact]
    public async Task Run_Period_ProbesOncePerPeriod()
    {
        // Arrange
        var probe = Exec(period: 10);
        Start(ProbeType.Readiness, probe);
        await ProbeCallsAsync(probe, 1);
        await TimersAsync(1);

        // Act
        _time.Advance(TimeSpan.FromSeconds(9));
        var after9 = _prober.CallsTo(probe);
        _time.Advance(TimeSpan.FromSeconds(1));
        await ProbeCallsAsync(probe, 2);
        await TimersAsync(2);
        _time.Advance(TimeSpan.FromSeconds(10));
        await ProbeCallsAsync(probe, 3);

        // Assert
        after9.ShouldBe(1);
        _prober.CallsTo(probe).ShouldBe(3);
    }

    [Fact]
    public async Task Run_ReadinessFailuresReachThreshold_ReportsChangeOnThirdFailure()
    {
        // Arrange
        var probe = Exec(period: 1, failureThreshold: 3);
        _prober.SetOutcome(probe, true);
        var worker = Start(ProbeType.Readiness, probe);
        await ProbeCallsAsync(probe, 1);
        worker.Tracker.Result.ShouldBe(ProbeResult.Success);
        _prober.SetOutcome(probe, false, "exit 1");

        // Act
        for (var i = 1; i <= 3; i++)
        {
            await TimersAsync(i);
            _time.Advance(TimeSpan.FromSeconds(1));
            await ProbeCallsAsync(probe, i + 1);
            await AsyncWait.UntilAsync(() => Reports >= i + 1, "the probe result to be reported", _progress);
            if (i < 3)
            {
                worker.Tracker.Result.ShouldBe(ProbeResult.Success);
            }
        }

        // Assert
        worker.Tracker.Result.ShouldBe(ProbeResult.Failure);
        lock (_lock)
        {
            _reports.Select(r => r.Changed).ShouldBe([true, false, false, true]);
            _reports[^1].Outcome.Output.ShouldBe("exit 1");
        }
    }

    [Fact]
    public async Task Run_LivenessFailed_StopsProbing()
    {
        // Arrange
        var probe = Exec(period: 1, failureThreshold: 1);
        _prober.SetOutcome(probe, false);
        var worker = Start(ProbeType.Liveness, probe);

        // Act
        await ProbeCallsAsync(probe, 1);
        await AsyncWait.UntilAsync(() => Reports == 1, "the failure to be reported", _progress);
        var timers = _time.TimersCreated;
        _time.Advance(TimeSpan.FromSeconds(5));

        // Assert
        worker.Tracker.Result.ShouldBe(ProbeResult.Failure);
        _prober.CallsTo(probe).ShouldBe(1);
        _time.TimersCreated.ShouldBe(timers);
    }

    [Fact]
    public async Task Run_StartupSucceeded_StopsProbing()
    {
        // Arrange
        var probe = Exec(period: 1);
        var worker = Start(ProbeType.Startup, probe);

        // Act
        await ProbeCallsAsync(probe, 1);
        await AsyncWait.UntilAsync(() => Reports == 1, "the success to be reported", _progress);
        _time.Advance(TimeSpan.FromSeconds(5));

        // Assert
        worker.Tracker.Result.ShouldBe(ProbeResult.Success);
        _prober.CallsTo(probe).ShouldBe(1);
    }

    [Fact]
    public async Task Run_NotAllowedToRun_SkipsProbeButKeepsTicking()
    {
        // Arrange
        var probe = Exec(period: 1);
        var allowed = false;
        Start(ProbeType.Liveness, probe, mayRun: () => Volatile.Read(ref allowed));
        await TimersAsync(1);

        // Act
        _time.Advance(TimeSpan.FromSeconds(1));
        await TimersAsync(2);
        var whileGated = _prober.CallsTo(probe);
        Volatile.Write(ref allowed, true);
        _time.Advance(TimeSpan.FromSeconds(1));
        await ProbeCallsAsync(probe, 1);

        // Assert
        whileGated.ShouldBe(0);
        _prober.CallsTo(probe).ShouldBe(1);
    }

    [Fact]
    public async Task DisposeAsync_WaitingForNextPeriod_StopsWithoutFurtherProbes()
    {
        // Arrange
        var probe = Exec(period: 1);
        var worker = Start(ProbeType.Readiness, probe);
        await ProbeCallsAsync(probe, 1);
        await TimersAsync(1);

        // Act
        await worker.DisposeAsync();
        _worker = null;
        _time.Advance(TimeSpan.FromSeconds(5));

        // Assert
        _prober.CallsTo(probe).ShouldBe(1);
    }
}
