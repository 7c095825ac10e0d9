using System.Net.Sockets;
using EdgeNode.Core.Runtime;
using Grpc.Core;
using Shouldly;

namespace EdgeNode.Cri.Tests;

public sealed class CriErrorMapperTests
{
    private const string Socket = "/run/containerd/containerd.sock";
    private static readonly CriCall StartCall = new("StartContainer", "abc123", TimeSpan.FromMinutes(2));

    [Fact]
    public void ToRuntimeException_ConnectionFailed_UnavailableWithStartItSentence()
    {
        var connectionError = new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused));
        var error = new RpcException(new Status(StatusCode.Unavailable, "Error connecting to subchannel.", connectionError));

        var mapped = CriErrorMapper.ToRuntimeException(error, StartCall, "containerd", Socket, deadlinePassed: false);

        mapped.Kind.ShouldBe(RuntimeErrorKind.Unavailable);
        mapped.Message.ShouldBe(
            "containerd is not running at /run/containerd/containerd.sock: start it or pass --container-runtime-endpoint");
        mapped.InnerException.ShouldBeSameAs(error);
    }

    [Fact]
    public void ToRuntimeException_UnknownRuntimeUnreachable_NamesTheContainerRuntime()
    {
        var error = new RpcException(new Status(StatusCode.Unavailable, "Error connecting", new SocketException((int)SocketError.AddressNotAvailable)));

        var mapped = CriErrorMapper.ToRuntimeException(error, StartCall, "the container runtime", "/tmp/cri.sock", deadlinePassed: false);

        mapped.Message.ShouldBe("the container runtime is not running at /tmp/cri.sock: start it or pass --container-runtime-endpoint");
    }

    [Fact]
    public void ToRuntimeException_RuntimeAnswersUnavailable_UnavailableWithRuntimeDetail()
    {
        var error = new RpcException(new Status(StatusCode.Unavailable, "server is not initialized yet"));

        var mapped = CriErrorMapper.ToRuntimeException(error, StartCall, "containerd", Socket, deadlinePassed: false);

        mapped.Kind.ShouldBe(RuntimeErrorKind.Unavailable);
        mapped.Message.ShouldBe(
            "containerd at /run/containerd/containerd.sock is unavailable for StartContainer abc123 (server is not initialized yet): " +
            "check its log and restart it");
    }

    [Fact]
    public void ToRuntimeException_DeadlineExceeded_TimeoutNamingCallAndTimeout()
    {
        var error = new RpcException(new Status(StatusCode.DeadlineExceeded, ""));

        var mapped = CriErrorMapper.ToRuntimeException(error, StartCall, "containerd", Socket, deadlinePassed: true);

        mapped.Kind.ShouldBe(RuntimeErrorKind.Timeout);
        mapped.Message.ShouldBe(
            "containerd did not finish StartContainer abc123 within 2m: check containerd's log for a hung operation or raise runtimeRequestTimeout");
    }

    [Fact]
    public void ToRuntimeException_PullDeadlineExceeded_TimeoutPointingAtRegistryAndPullTimeout()
    {
        var error = new RpcException(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"));
        var pull = new CriCall("PullImage", "docker.io/library/nginx:1.25", TimeSpan.FromSeconds(330));

        var mapped = CriErrorMapper.ToRuntimeException(error, pull, "containerd", Socket, deadlinePassed: true);

        mapped.Kind.ShouldBe(RuntimeErrorKind.Timeout);
        mapped.Message.ShouldBe(
            "containerd did not finish PullImage docker.io/library/nginx:1.25 within 5m30s: " +
            "check that the registry is reachable from this node or raise imagePullTimeout");
    }

    [Fact]
    public void ToRuntimeException_RuntimeEnforcedDeadline_TimeoutWithRuntimeDetail()
    {
        var error = new RpcException(new Status(StatusCode.DeadlineExceeded, "timeout 1s exceeded: context deadline exceeded"));
        var exec = new CriCall("ExecSync", "abc123", TimeSpan.FromSeconds(121));

        var mapped = CriErrorMapper.ToRuntimeException(error, exec, "containerd", Socket, deadlinePassed: false);

        mapped.Kind.ShouldBe(RuntimeErrorKind.Timeout);
        mapped.Message.ShouldBe("ExecSync abc123 ran past the time limit containerd enforces for it: timeout 1s exceeded: context deadline exceeded");
    }

    [Fact]
    public void ToRuntimeException_NotFound_NotFoundWithRuntimeDetail()
    {
        var error = new RpcException(new Status(StatusCode.NotFound, "an error occurred when try to find container \"abc123\": not found"));

        var mapped = CriErrorMapper.ToRuntimeException(error, StartCall, "containerd", Socket, deadlinePassed: false);

        mapped.Kind.ShouldBe(RuntimeErrorKind.NotFound);
        mapped.Message.ShouldBe(
            "StartContainer abc123 failed because containerd could not find it: an error occurred when try to find container \"abc123\": not found");
    }

    [Theory]
    [InlineData(StatusCode.Unknown)]
    [InlineData(StatusCode.InvalidArgument)]
    [InlineData(StatusCode.FailedPrecondition)]
    [InlineData(StatusCode.Internal)]
    [InlineData(StatusCode.Cancelled)]
    public void ToRuntimeException_OtherStatus_RejectedWithRuntimeMessage(StatusCode code)
    {
        var error = new RpcException(new Status(code, "failed to create containerd task: exec: \"nope\": executable file not found in $PATH"));

        var mapped = CriErrorMapper.ToRuntimeException(error, StartCall, "containerd", Socket, deadlinePassed: false);

        mapped.Kind.ShouldBe(RuntimeErrorKind.Rejected);
        mapped.Message.ShouldBe(
            "containerd rejected StartContainer abc123: failed to create containerd task: exec: \"nope\": executable file not found in $PATH");
    }

    [Fact]
    public void ToRuntimeException_EmptyDetail_UsesStatusCode()
    {
        var error = new RpcException(new Status(StatusCode.Internal, ""));

        var mapped = CriErrorMapper.ToRuntimeException(error, new CriCall("Version", "", TimeSpan.FromMinutes(2)), "containerd", Socket, deadlinePassed: false);

        mapped.Message.ShouldBe("containerd rejected Version: Internal");
    }

    [Theory]
    [InlineData(120_000, "2m")]
    [InlineData(90_000, "1m30s")]
    [InlineData(3_723_000, "1h2m3s")]
    [InlineData(1_500, "1.5s")]
    [InlineData(250, "250ms")]
    public void FormatDuration_Duration_GoStyle(int milliseconds, string expected)
    {
        CriErrorMapper.FormatDuration(TimeSpan.FromMilliseconds(milliseconds)).ShouldBe(expected);
    }
}
