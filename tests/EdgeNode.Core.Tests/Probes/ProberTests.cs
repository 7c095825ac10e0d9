using System.Net;
using System.Net.Sockets;
using EdgeNode.Core.Pods;
using EdgeNode.Core.Probes;
using EdgeNode.Core.Runtime;
using EdgeNode.Testing;
using Shouldly;

namespace EdgeNode.Core.Tests.Probes;

public sealed class ProberTests : IDisposable
{
    private readonly TrackingTimeProvider _time = new();
    private readonly FakeCriRuntime _runtime;
    private readonly StubHandler _handler = new();
    private readonly HttpClient _http;
    private readonly Prober _prober;

    public ProberTests()
    {
        _runtime = new FakeCriRuntime(_time);
        _http = new HttpClient(_handler);
        _prober = new Prober(_runtime, _http, _time, "kube-probe/1.32");
    }

    public void Dispose() => _http.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly ProbeTarget Target = new("ctr-1", "10.88.0.7", [new ContainerPort { Name = "http", Number = 8080 }]);

    [Fact]
    public async Task ProbeAsync_ExecExitsZero_SuccessWithOutput()
    {
        // Arrange
        _runtime.Exec = (_, _) => new ExecResult(0, "ok\n", "");
        var probe = new Probe { Exec = new ExecAction { Command = ["cat", "/tmp/healthy"] }, TimeoutSeconds = 3 };

        // Act
        var outcome = await _prober.ProbeAsync(probe, Target, Ct);

        // Assert
        outcome.ShouldBe(new ProbeOutcome(true, "ok"));
        _runtime.CallsTo(nameof(IContainerRuntime.ExecSyncAsync)).ShouldHaveSingleItem()
            .ShouldBe(new CriCall(nameof(IContainerRuntime.ExecSyncAsync), "ctr-1", TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task ProbeAsync_ExecExitsNonZero_FailureNamingExitCodeAndOutput()
    {
        // Arrange
        _runtime.Exec = (_, _) => new ExecResult(1, "", "cat: /tmp/healthy: No such file\n");

        // Act
        var outcome = await _prober.ProbeAsync(new Probe { Exec = new ExecAction { Command = ["cat", "/tmp/healthy"] } }, Target, Ct);

        // Assert
        outcome.ShouldBe(new ProbeOutcome(false, "command exited with code 1: cat: /tmp/healthy: No such file"));
    }

    [Fact]
    public async Task ProbeAsync_ExecRuntimeError_FailureWithRuntimeMessage()
    {
        // Arrange
        _runtime.FailNext(nameof(IContainerRuntime.ExecSyncAsync), new RuntimeException(RuntimeErrorKind.NotFound, "container not running"));

        // Act
        var outcome = await _prober.ProbeAsync(new Probe { Exec = new ExecAction { Command = ["true"] } }, Target, Ct);

        // Assert
        outcome.ShouldBe(new ProbeOutcome(false, "container not running"));
    }

    [Fact]
    public async Task ProbeAsync_HttpGetNamedPort_RequestsPodIpWithKubeletHeaders()
    {
        // Arrange
        _handler.Status = HttpStatusCode.NoContent;
        var probe = new Probe
        {
            HttpGet = new HttpGetAction
            {
                Path = "healthz", Port = new IntOrString("http"),
                HttpHeaders = [new HttpHeader { Name = "Accept", Value = "application/json" }],
            },
        };

        // Act
        var outcome = await _prober.ProbeAsync(probe, Target, Ct);

        // Assert
        outcome.Success.ShouldBeTrue();
        var request = _handler.Requests.ShouldHaveSingleItem();
        request.Uri.ShouldBe(new Uri("http://10.88.0.7:8080/healthz"));
        request.UserAgent.ShouldBe("kube-probe/1.32");
        request.Accept.ShouldBe("application/json");
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, true)]
    [InlineData(HttpStatusCode.Found, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.ServiceUnavailable, false)]
    public async Task ProbeAsync_HttpStatus_SuccessFrom200To399(HttpStatusCode status, bool success)
    {
        // Arrange
        _handler.Status = status;

        // Act
        var outcome = await _prober.ProbeAsync(new Probe { HttpGet = new HttpGetAction { Port = new IntOrString(80) } }, Target, Ct);

        // Assert
        outcome.Success.ShouldBe(success);
        if (!success)
        {
            outcome.Output.ShouldBe($"HTTP probe failed with statuscode: {(int)status}");
        }
    }

    [Fact]
    public async Task ProbeAsync_HttpConnectionRefused_FailureNamingUrl()
    {
        // Arrange
        _handler.Failure = new HttpRequestException("Connection refused");

        // Act
        var outcome = await _prober.ProbeAsync(new Probe { HttpGet = new HttpGetAction { Port = new IntOrString(81), Path = "/" } }, Target, Ct);

        // Assert
        outcome.ShouldBe(new ProbeOutcome(false, "Get \"http://10.88.0.7:81/\": Connection refused"));
    }

    [Fact]
    public async Task ProbeAsync_TcpPortOpen_Success()
    {
        // Arrange
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var probe = new Probe { TcpSocket = new TcpSocketAction { Host = "127.0.0.1", Port = new IntOrString(port) }, TimeoutSeconds = 5 };

        // Act
        var outcome = await _prober.ProbeAsync(probe, Target, Ct);

        // Assert
        outcome.Success.ShouldBeTrue();
    }

    [Fact]
    public async Task ProbeAsync_TcpPortClosed_FailureNamingAddress()
    {
        // Arrange: a port that was just released is closed
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var probe = new Probe { TcpSocket = new TcpSocketAction { Host = "127.0.0.1", Port = new IntOrString(port) }, TimeoutSeconds = 5 };

        // Act
        var outcome = await _prober.ProbeAsync(probe, Target, Ct);

        // Assert
        outcome.Success.ShouldBeFalse();
        outcome.Output.ShouldStartWith($"dial tcp 127.0.0.1:{port}: connect: ");
    }

    [Fact]
    public async Task ProbeAsync_NoHandler_Failure()
    {
        // Act
        var outcome = await _prober.ProbeAsync(new Probe(), Target, Ct);

        // Assert
        outcome.ShouldBe(new ProbeOutcome(false, "probe has no handler"));
    }

    [Fact]
    public async Task RunHookAsync_Sleep_WaitsOnTheFakeClockCappedByTimeout()
    {
        // Arrange
        var handler = new LifecycleHandler { Sleep = new SleepAction { Seconds = 60 } };

        // Act
        var hook = _prober.RunHookAsync(handler, Target, TimeSpan.FromSeconds(5), Ct);
        await AsyncWait.UntilAsync(() => _time.TimersCreated == 1, "the sleep to start");
        _time.Advance(TimeSpan.FromSeconds(4));
        var before = hook.IsCompleted;
        _time.Advance(TimeSpan.FromSeconds(1));
        var outcome = await hook;

        // Assert
        before.ShouldBeFalse();
        outcome.Success.ShouldBeTrue();
    }

    [Fact]
    public async Task RunHookAsync_Exec_RunsThroughRuntimeWithHookTimeout()
    {
        // Arrange
        var handler = new LifecycleHandler { Exec = new ExecAction { Command = ["/bin/drain"] } };

        // Act
        var outcome = await _prober.RunHookAsync(handler, Target, TimeSpan.FromSeconds(25), Ct);

        // Assert
        outcome.Success.ShouldBeTrue();
        _runtime.CallsTo(nameof(IContainerRuntime.ExecSyncAsync)).ShouldHaveSingleItem().Timeout.ShouldBe(TimeSpan.FromSeconds(25));
    }

    [Theory]
    [InlineData(null, "http", 8080)]
    [InlineData(9090, null, 9090)]
    [InlineData(null, "7070", 7070)]
    [InlineData(null, "unknown", 0)]
    public void ResolvePort_NumberOrName_ContainerPortNumber(int? number, string? name, int expected)
    {
        // Arrange
        IntOrString port = number is { } n ? new IntOrString(n) : new IntOrString(name!);

        // Act / Assert
        Prober.ResolvePort(port, Target).ShouldBe(expected);
    }

    private sealed class StubHandler : HttpMessageHandler
    {
        private readonly List<(Uri Uri, string UserAgent, string Accept)> _requests = [];

        public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;
        public Exception? Failure { get; set; }
        public IReadOnlyList<(Uri Uri, string UserAgent, string Accept)> Requests => _requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _requests.Add((request.RequestUri!, string.Join(" ", request.Headers.GetValues("User-Agent")), string.Join(",", request.Headers.GetValues("Accept"))));
            if (Failure is not null)
            {
                throw Failure;
            }
            return Task.FromResult(new HttpResponseMessage(Status) { Content = new StringContent("body") });
        }
    }
}
