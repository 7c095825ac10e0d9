using System.Net;
using System.Net.Sockets;
using EdgeNode.Core.Leases;
using EdgeNode.Core.Pods;
using EdgeNode.Kube.Api;
using EdgeNode.Kube.Models;
using EdgeNode.Kube.Tests.Infrastructure;
using EdgeNode.Testing;
using Microsoft.Extensions.Time.Testing;
using Shouldly;

namespace EdgeNode.Kube.Tests.Api;

public sealed class KubeApiClientTests
{
    private const string LeasePath = "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/pi-1";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeApiHandler _handler = new();

    [Fact]
    public async Task GetAsync_Found_SendsJsonGetWithAgentTokenAndHttp2AndReturnsObject()
    {
        _handler.EnqueueJson(HttpStatusCode.OK, """
            {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"pi-1","resourceVersion":"42","managedFields":[{}]},
             "spec":{"holderIdentity":"pi-1","leaseDurationSeconds":40,"renewTime":"2025-01-01T12:00:00.123456Z","leaseTransitions":0}}
            """);
        using var client = KubeTestConnections.Client(_handler, _time);

        var lease = await client.GetAsync(LeasePath, KubeJsonContext.Default.Lease, TestContext.Current.CancellationToken);

        lease!.Metadata.ResourceVersion.ShouldBe("42");
        lease.Spec.RenewTime.ShouldBe(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1_234_560));
        var request = _handler.Requests.ShouldHaveSingleItem();
        request.Method.ShouldBe(HttpMethod.Get);
        request.Uri.ShouldBe(new Uri("https://api.example:6443" + LeasePath));
        request.Accept.ShouldBe("application/json");
        request.UserAgent.ShouldBe("edgenode/9.9.9 (linux/arm64)");
        request.Authorization.ShouldBe("Bearer secret-token");
        request.Version.ShouldBe(HttpVersion.Version20);
        request.VersionPolicy.ShouldBe(HttpVersionPolicy.RequestVersionOrLower);
    }

    [Fact]
    public async Task GetAsync_NotFound_ReturnsNull()
    {
        _handler.EnqueueJson(HttpStatusCode.NotFound, NotFoundStatus);
        using var client = KubeTestConnections.Client(_handler, _time);

        var lease = await client.GetAsync(LeasePath, KubeJsonContext.Default.Lease, TestContext.Current.CancellationToken);

        lease.ShouldBeNull();
    }

    [Fact]
    public async Task GetAsync_ServerWithPathPrefix_KeepsPrefix()
    {
        _handler.EnqueueJson(HttpStatusCode.OK, """{"metadata":{"name":"x"}}""");
        using var client = KubeTestConnections.Client(_handler, _time, KubeTestConnections.Token("https://rancher.example/k8s/clusters/c-1/"));

        await client.GetAsync("/api/v1/nodes/x", KubeJsonContext.Default.Node, TestContext.Current.CancellationToken);

        _handler.Requests[0].Uri.ShouldBe(new Uri("https://rancher.example/k8s/clusters/c-1/api/v1/nodes/x"));
    }

    [Fact]
    public async Task GetAsync_PodWithoutSpecOrMetadata_FillsCoreDefaults()
    {
        _handler.EnqueueJson(HttpStatusCode.OK, """{"kind":"Pod","status":{"containerStatuses":[{"name":"a"}]}}""");
        using var client = KubeTestConnections.Client(_handler, _time);

        var pod = await client.GetAsync("/api/v1/namespaces/default/pods/p", KubeJsonContext.Default.Pod, TestContext.Current.CancellationToken);

        pod!.Metadata.ShouldNotBeNull();
        pod.Spec.ShouldNotBeNull();
        pod.Spec.Containers.ShouldNotBeNull();
        pod.Status!.ContainerStatuses![0].State.ShouldNotBeNull();
    }

    [Fact]
    public async Task CreateAsync_AlreadyExists_ThrowsApiErrorWithReasonAndServerMessage()
    {
        _handler.EnqueueJson(HttpStatusCode.Conflict, """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"nodes \"pi-1\" already exists","reason":"AlreadyExists","details":{"name":"pi-1","kind":"nodes"},"code":409}
            """);
        using var client = KubeTestConnections.Client(_handler, _time);

        var error = await Should.ThrowAsync<KubeApiException>(() =>
            client.CreateAsync("/api/v1/nodes", new EdgeNode.Core.Nodes.Node { Metadata = new ObjectMeta { Name = "pi-1" } },
                KubeJsonContext.Default.Node, TestContext.Current.CancellationToken));

        error.Kind.ShouldBe(KubeApiErrorKind.ApiError);
        error.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        error.Reason.ShouldBe("AlreadyExists");
        error.IsAlreadyExists.ShouldBeTrue();
        error.IsConflict.ShouldBeFalse();
        error.ApiMessage.ShouldBe("nodes \"pi-1\" already exists");
        error.Status!.Details!.Name.ShouldBe("pi-1");
        error.Message.ShouldBe("The API server at https://api.example:6443/ answered POST /api/v1/nodes with 409 AlreadyExists: nodes \"pi-1\" already exists.");
        var request = _handler.Requests[0];
        request.Method.ShouldBe(HttpMethod.Post);
        request.ContentType.ShouldBe("application/json");
        request.Body.ShouldBe("""{"apiVersion":"v1","kind":"Node","metadata":{"name":"pi-1"},"spec":{},"status":{}}""");
    }

    [Fact]
    public async Task UpdateAsync_StaleResourceVersion_ThrowsConflict()
    {
        _handler.EnqueueJson(HttpStatusCode.Conflict, """
            {"kind":"Status","status":"Failure","message":"Operation cannot be fulfilled on leases.coordination.k8s.io \"pi-1\": the object has been modified; please apply your changes to the latest version and try again","reason":"Conflict","code":409}
            """);
        using var client = KubeTestConnections.Client(_handler, _time);

        var error = await Should.ThrowAsync<KubeApiException>(() =>
            client.UpdateAsync(LeasePath, Lease("41"), KubeJsonContext.Default.Lease, TestContext.Current.CancellationToken));

        error.IsConflict.ShouldBeTrue();
        error.Reason.ShouldBe("Conflict");
    }

    [Fact]
    public async Task UpdateAsync_Lease_PutsJsonWithMicroTimeAndReturnsStoredLease()
    {
        _handler.EnqueueJson(HttpStatusCode.OK, """{"metadata":{"name":"pi-1","resourceVersion":"43"},"spec":{"holderIdentity":"pi-1"}}""");
        using var client = KubeTestConnections.Client(_handler, _time);

        var stored = await client.UpdateAsync(LeasePath, Lease("42"), KubeJsonContext.Default.Lease, TestContext.Current.CancellationToken);

        stored.Metadata.ResourceVersion.ShouldBe("43");
        var request = _handler.Requests[0];
        request.Method.ShouldBe(HttpMethod.Put);
        request.ContentType.ShouldBe("application/json");
        request.Body.ShouldBe("""{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"pi-1","namespace":"kube-node-lease","resourceVersion":"42"},"spec":{"holderIdentity":"pi-1","leaseDurationSeconds":40,"renewTime":"2025-01-01T12:00:00.000000Z"}}""");
    }

    [Fact]
    public async Task PatchAsync_StrategicMerge_SendsPatchWithContentType()
    {
        _handler.EnqueueJson(HttpStatusCode.OK, """{"metadata":{"name":"pi-1"},"status":{"conditions":[{"type":"Ready","status":"True"}]}}""");
        using var client = KubeTestConnections.Client(_handler, _time);

        var node = await client.PatchAsync("/api/v1/nodes/pi-1/status", """{"status":{"conditions":[{"type":"Ready","status":"True"}]}}""",
            KubePatchTypes.StrategicMerge, KubeJsonContext.Default.Node, TestContext.Current.CancellationToken);

        node.Status.Conditions![0].Type.ShouldBe("Ready");
        var request = _handler.Requests[0];
        request.Method.ShouldBe(HttpMethod.Patch);
        request.ContentType.ShouldBe("application/strategic-merge-patch+json");
        request.Body.ShouldBe("""{"status":{"conditions":[{"type":"Ready","status":"True"}]}}""");
    }

    [Fact]
    public async Task DeleteAsync_TerminatedPod_SendsGracePeriodZeroAndUidPrecondition()
    {
        _handler.EnqueueJson(HttpStatusCode.OK, """{"kind":"Pod","metadata":{"name":"web"}}""");
        using var client = KubeTestConnections.Client(_handler, _time);

        var deleted = await client.DeleteAsync("/api/v1/namespaces/default/pods/web", DeleteOptions.ForTerminatedPod("uid-1"), TestContext.Current.CancellationToken);

        deleted.ShouldBeTrue();
        var request = _handler.Requests[0];
        request.Method.ShouldBe(HttpMethod.Delete);
        request.ContentType.ShouldBe("application/json");
        request.Body.ShouldBe("""{"apiVersion":"v1","kind":"DeleteOptions","gracePeriodSeconds":0,"preconditions":{"uid":"uid-1"}}""");
    }

    [Fact]
    public async Task DeleteAsync_AlreadyGone_ReturnsFalse()
    {
        _handler.EnqueueJson(HttpStatusCode.NotFound, NotFoundStatus);
        using var client = KubeTestConnections.Client(_handler, _time);

        var deleted = await client.DeleteAsync("/api/v1/namespaces/default/pods/web", cancellationToken: TestContext.Current.CancellationToken);

        deleted.ShouldBeFalse();
    }

    [Fact]
    public async Task UpdateAsync_NotFound_ThrowsNotFound()
    {
        _handler.EnqueueJson(HttpStatusCode.NotFound, NotFoundStatus);
        using var client = KubeTestConnections.Client(_handler, _time);

        var error = await Should.ThrowAsync<KubeApiException>(() =>
            client.UpdateAsync(LeasePath, Lease("1"), KubeJsonContext.Default.Lease, TestContext.Current.CancellationToken));

        error.IsNotFound.ShouldBeTrue();
        error.Reason.ShouldBe("NotFound");
    }

    [Fact]
    public async Task GetAsync_Forbidden_ThrowsSentenceWithRbacFix()
    {
        _handler.EnqueueJson(HttpStatusCode.Forbidden, """
            {"kind":"Status","status":"Failure","message":"nodes \"pi-2\" is forbidden: User \"system:node:pi-1\" cannot get resource \"nodes\" in API group \"\" at the cluster scope","reason":"Forbidden","code":403}
            """);
        using var client = KubeTestConnections.Client(_handler, _time);

        var error = await Should.ThrowAsync<KubeApiException>(() =>
            client.GetAsync("/api/v1/nodes/pi-2", KubeJsonContext.Default.Node, TestContext.Current.CancellationToken));

        error.IsForbidden.ShouldBeTrue();
        error.Message.ShouldBe("The API server at https://api.example:6443/ forbids GET /api/v1/nodes/pi-2 (403 Forbidden): nodes \"pi-2\" is forbidden: User \"system:node:pi-1\" cannot get resource \"nodes\" in API group \"\" at the cluster scope: give the kubeconfig's user the RBAC rights it needs (a node's user is system:node:<name> in group system:nodes).");
    }

    [Fact]
    public async Task GetAsync_Unauthorized_ThrowsSentenceNamingKubeconfig()
    {
        _handler.EnqueueJson(HttpStatusCode.Unauthorized, """{"kind":"Status","status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}""");
        using var client = KubeTestConnections.Client(_handler, _time);

        var error = await Should.ThrowAsync<KubeApiException>(() =>
            client.GetAsync("/api/v1/nodes/pi-1", KubeJsonContext.Default.Node, TestContext.Current.CancellationToken));

        error.IsUnauthorized.ShouldBeTrue();
        error.Message.ShouldBe("The API server at https://api.example:6443/ rejected the credentials from the kubeconfig /etc/edgenode/kubeconfig for GET /api/v1/nodes/pi-1 (401 Unauthorized): Unauthorized: renew the client certificate or token in the kubeconfig.");
    }

    [Fact]
    public async Task GetAsync_ErrorWithoutStatusBody_UsesStandardReasonAndBodyText()
    {
        _handler.Enqueue((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("upstream connect error\n") }));
        using var client = KubeTestConnections.Client(_handler, _time);

        var error = await Should.ThrowAsync<KubeApiException>(() =>
            client.GetAsync("/api/v1/nodes/pi-1", KubeJsonContext.Default.Node, TestContext.Current.CancellationToken));

        error.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        error.Reason.ShouldBe("BadGateway");
        error.Status.ShouldBeNull();
        error.Message.ShouldBe("The API server at https://api.example:6443/ answered GET /api/v1/nodes/pi-1 with 502 BadGateway: upstream connect error.");
    }

    [Fact]
    public async Task GetAsync_ConnectionRefused_ThrowsUnreachableSentence()
    {
        _handler.EnqueueFailure(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (api.example:6443)",
            new SocketException((int)SocketError.ConnectionRefused)));
        using var client = KubeTestConnections.Client(_handler, _time);

        var error = await Should.ThrowAsync<KubeApiException>(() =>
            client.GetAsync("/api/v1/nodes/pi-1", KubeJsonContext.Default.Node, TestContext.Current.CancellationToken));

        error.Kind.ShouldBe(KubeApiErrorKind.Unreachable);
        error.StatusCode.ShouldBeNull();
        error.Message.ShouldBe("The API server at https://api.example:6443/ is unreachable: the connection was refused (is the API server running and the port right?).");
    }

    [Fact]
    public async Task GetAsync_NameDoesNotResolve_ThrowsUnreachableSentence()
    {
        _handler.EnqueueFailure(new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known (api.example:6443)",
            new SocketException((int)SocketError.HostNotFound, "Name or service not known")));
        using var client = KubeTestConnections.Client(_handler, _time);

        var error = await Should.ThrowAsync<KubeApiException>(() =>
            client.GetAsync("/api/v1/nodes/pi-1", KubeJsonContext.Default.Node, TestContext.Current.CancellationToken));

        error.Message.ShouldBe("The API server at https://api.example:6443/ is unreachable: its name does not resolve (Name or service not known).");
    }

    [Fact]
    public async Task GetAsync_NoAnswerWithinRequestTimeout_ThrowsTimeoutSentence()
    {
        _handler.EnqueueHang();
        using var client = KubeTestConnections.Client(_handler, _time);

        var call = client.GetAsync("/api/v1/nodes/pi-1", KubeJsonContext.Default.Node, TestContext.Current.CancellationToken);
        await AsyncWait.UntilAsync(() => _handler.RequestCount == 1, "the request to arrive");
        _time.Advance(TimeSpan.FromSeconds(9));
        call.IsCompleted.ShouldBeFalse();
        _time.Advance(TimeSpan.FromSeconds(1));

        var error = await Should.ThrowAsync<KubeApiException>(() => call);
        error.Kind.ShouldBe(KubeApiErrorKind.Timeout);
        error.Message.ShouldBe("The API server at https://api.example:6443/ did not answer GET /api/v1/nodes/pi-1 within 10 s: check the network between this node and the API server.");
    }

    [Fact]
    public async Task GetAsync_CallerCancels_ThrowsOperationCanceled()
    {
        _handler.EnqueueHang();
        using var client = KubeTestConnections.Client(_handler, _time);
        using var cts = new CancellationTokenSource();

        var call = client.GetAsync("/api/v1/nodes/pi-1", KubeJsonContext.Default.Node, cts.Token);
        await AsyncWait.UntilAsync(() => _handler.RequestCount == 1, "the request to arrive");
        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task GetAsync_BodyNotJson_ThrowsInvalidResponse()
    {
        _handler.Enqueue((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>login</html>") }));
        using var client = KubeTestConnections.Client(_handler, _time);

        var error = await Should.ThrowAsync<KubeApiException>(() =>
            client.GetAsync("/api/v1/nodes/pi-1", KubeJsonContext.Default.Node, TestContext.Current.CancellationToken));

        error.Kind.ShouldBe(KubeApiErrorKind.InvalidResponse);
        error.Message.ShouldStartWith("The API server at https://api.example:6443/ answered GET /api/v1/nodes/pi-1 with JSON EdgeNode cannot read (");
    }

    [Fact]
    public async Task ListAsync_PodList_ReturnsItemsAndResourceVersion()
    {
        _handler.EnqueueJson(HttpStatusCode.OK, """
            {"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"900"},
             "items":[{"metadata":{"name":"a","namespace":"default"},"spec":{"containers":[{"name":"c","image":"busybox"}]}},{"metadata":{"name":"b","namespace":"default"}}]}
            """);
        using var client = KubeTestConnections.Client(_handler, _time);

        var list = await client.ListAsync("/api/v1/pods?fieldSelector=spec.nodeName%3Dpi-1", KubeJsonContext.Default.Pod, TestContext.Current.CancellationToken);

        list.ResourceVersion.ShouldBe("900");
        list.Items.Select(p => p.Metadata.Name).ShouldBe(["a", "b"]);
        list.Items[1].Spec.Containers.ShouldBeEmpty();
        _handler.Requests[0].PathAndQuery.ShouldBe("/api/v1/pods?fieldSelector=spec.nodeName%3Dpi-1");
    }

    [Fact]
    public async Task Requests_TokenFile_RereadAfterRefreshInterval()
    {
        using var dir = new TempDirectory();
        var tokenFile = dir.Write("token", "first");
        var connection = KubeTestConnections.Token(token: "first") with { TokenFile = tokenFile };
        using var client = KubeTestConnections.Client(_handler, _time, connection);
        for (var i = 0; i < 3; i++)
        {
            _handler.EnqueueJson(HttpStatusCode.OK, "{}");
        }

        File.WriteAllText(tokenFile, "second\n");
        await client.GetAsync("/api/v1/nodes/a", KubeJsonContext.Default.Node, TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromMinutes(1));
        await client.GetAsync("/api/v1/nodes/a", KubeJsonContext.Default.Node, TestContext.Current.CancellationToken);

        _handler.Requests.Select(r => r.Authorization).ShouldBe(["Bearer first", "Bearer second"]);
    }

    [Fact]
    public void CreateRequest_PathWithoutLeadingSlash_Throws()
    {
        using var client = KubeTestConnections.Client(_handler, _time);

        Should.Throw<ArgumentException>(() => client.GetAsync("api/v1/nodes", KubeJsonContext.Default.Node).GetAwaiter().GetResult());
    }

    [Fact]
    public async Task DropConnections_RequestInFlight_NewRequestsUseFreshHandlerAndOldIsDisposedWhenDone()
    {
        var handlers = new List<FakeApiHandler>();
        FakeApiHandler Create()
        {
            var handler = new FakeApiHandler();
            handlers.Add(handler);
            return handler;
        }

        using var client = new KubeApiClient(KubeTestConnections.Token(), new KubeApiClientOptions(), _time, Create);
        var first = handlers[0];
        var slow = client.GetAsync("/api/v1/nodes/a", KubeJsonContext.Default.Node, TestContext.Current.CancellationToken);
        await AsyncWait.UntilAsync(() => first.RequestCount == 1, "the first request to arrive");

        client.DropConnections();
        handlers.Count.ShouldBe(2);
        handlers[1].EnqueueJson(HttpStatusCode.OK, """{"metadata":{"name":"b"}}""");
        var fresh = await client.GetAsync("/api/v1/nodes/b", KubeJsonContext.Default.Node, TestContext.Current.CancellationToken);
        fresh!.Metadata.Name.ShouldBe("b");
        first.IsDisposed.ShouldBeFalse();

        first.EnqueueJson(HttpStatusCode.OK, """{"metadata":{"name":"a"}}""");
        (await slow)!.Metadata.Name.ShouldBe("a");
        first.IsDisposed.ShouldBeTrue();
        handlers[1].IsDisposed.ShouldBeFalse();
    }

    [Fact]
    public void DropConnections_NothingInFlight_DisposesOldHandlerAtOnce()
    {
        var handlers = new List<FakeApiHandler>();
        using var client = new KubeApiClient(KubeTestConnections.Token(), new KubeApiClientOptions(), _time, () =>
        {
            var handler = new FakeApiHandler();
            handlers.Add(handler);
            return handler;
        });

        client.DropConnections();

        handlers.Count.ShouldBe(2);
        handlers[0].IsDisposed.ShouldBeTrue();
    }

    private const string NotFoundStatus =
        """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"not found","reason":"NotFound","code":404}""";

    private static Lease Lease(string resourceVersion) => new()
    {
        Metadata = new ObjectMeta { Name = "pi-1", Namespace = "kube-node-lease", ResourceVersion = resourceVersion },
        Spec = new LeaseSpec { HolderIdentity = "pi-1", LeaseDurationSeconds = 40, RenewTime = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero) },
    };
}
