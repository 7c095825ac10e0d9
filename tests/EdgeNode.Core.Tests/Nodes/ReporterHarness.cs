using EdgeNode.Core.Nodes;
using EdgeNode.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;

namespace EdgeNode.Core.Tests.Nodes;

/// <summary>A <see cref="NodeStatusReporter"/> wired to a fake API server, fake inputs and a fake clock.</summary>
internal sealed class ReporterHarness
{
    public const string NodeName = "edge-1";

    public ReporterHarness()
    {
        Time = new TrackingTimeProvider(Progress);
        Api = new FakeNodeApi(Progress);
        Inputs = new FakeNodeStatusInputs(NodeName, Time, Progress);
        Events = new RecordingNodeEventRecorder(Progress);
    }

    public ProgressSignal Progress { get; } = new();
    public TrackingTimeProvider Time { get; }
    public FakeNodeApi Api { get; }
    public FakeNodeStatusInputs Inputs { get; }
    public RecordingNodeEventRecorder Events { get; }

    public NodeStatusReporter Reporter(NodeAgentOptions? options = null) =>
        new(options ?? new NodeAgentOptions { NodeName = NodeName }, Api, Inputs, Events, Time, NullLogger.Instance);

    public Task UntilAsync(Func<bool> condition, string description) => AsyncWait.UntilAsync(condition, description, Progress);

    /// <summary>
    /// With a loop waiting on a timer of exactly <paramref name="delay"/>: nothing fires a millisecond before it,
    /// and once it is due the loop makes one more <paramref name="method"/> call.
    /// </summary>
    public async Task ExpectRetryAfterAsync(TimeSpan delay, string method)
    {
        var calls = Api.CountCalls(method);
        var fired = Time.TimersFired;
        Time.Advance(delay - TimeSpan.FromMilliseconds(1));
        Time.TimersFired.ShouldBe(fired, $"nothing should wake up before {delay.TotalMilliseconds} ms");
        Api.CountCalls(method).ShouldBe(calls);
        Time.Advance(TimeSpan.FromMilliseconds(1));
        Time.TimersFired.ShouldBe(fired + 1, $"the retry timer should fire at {delay.TotalMilliseconds} ms");
        await UntilAsync(() => Api.CountCalls(method) == calls + 1, $"the retry after {delay.TotalMilliseconds} ms");
    }

    /// <summary>Starts <see cref="NodeStatusReporter.RunAsync"/>; dispose the result to stop it.</summary>
    public RunningReporter Start(NodeStatusReporter reporter, CancellationToken cancellationToken)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        return new RunningReporter(reporter.RunAsync(stop.Token), stop);
    }
}

internal sealed class RunningReporter(Task run, CancellationTokenSource stop) : IAsyncDisposable
{
    public Task Run => run;

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(run);
        stop.Dispose();
    }
}
