using System.Text;
using System.Text.Json;
using EdgeNode.Core.Leases;
using EdgeNode.Core.Pods;
using EdgeNode.Kube.Models;
using Shouldly;

namespace EdgeNode.Kube.Tests.Models;

public sealed class KubeJsonContextTests
{
    private static readonly DateTimeOffset Noon = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Serialize_KubeletEvent_WritesCoreV1EventWithSecondTimestampsAndNoNulls()
    {
        var kubeletEvent = new Event
        {
            Metadata = new ObjectMeta { Name = "web.181a2b3c4d5e6f70", Namespace = "default" },
            InvolvedObject = new ObjectReference { Kind = "Pod", Namespace = "default", Name = "web", Uid = "u1", ApiVersion = "v1", FieldPath = "spec.containers{httpd}" },
            Reason = "Pulled",
            Message = "Container image \"nginx\" already present on machine",
            Type = "Normal",
            Source = new EventSource { Component = "kubelet", Host = "pi-1" },
            FirstTimestamp = Noon.AddMilliseconds(750),
            LastTimestamp = Noon.AddMilliseconds(750),
            Count = 1,
            ReportingComponent = "kubelet",
            ReportingInstance = "pi-1",
        };

        var json = JsonSerializer.Serialize(kubeletEvent, KubeJsonContext.Default.Event);

        json.ShouldBe(string.Concat(
            """{"apiVersion":"v1","kind":"Event","metadata":{"name":"web.181a2b3c4d5e6f70","namespace":"default"},""",
            """ "involvedObject":{"apiVersion":"v1","kind":"Pod","namespace":"default","name":"web","uid":"u1","fieldPath":"spec.containers{httpd}"},""".TrimStart(),
            """ "reason":"Pulled","message":"Container image \u0022nginx\u0022 already present on machine","source":{"component":"kubelet","host":"pi-1"},""".TrimStart(),
            """ "firstTimestamp":"2025-01-01T12:00:00Z","lastTimestamp":"2025-01-01T12:00:00Z","count":1,"type":"Normal",""".TrimStart(),
            """ "reportingComponent":"kubelet","reportingInstance":"pi-1"}""".TrimStart()));
    }

    [Fact]
    public void Deserialize_SecretAndConfigMap_DecodesBase64DataAndIgnoresUnknownFields()
    {
        var secret = JsonSerializer.Deserialize(
            """{"kind":"Secret","metadata":{"name":"s","managedFields":[]},"type":"Opaque","data":{"password":"aHVudGVyMg=="}}""",
            KubeJsonContext.Default.Secret)!;
        var configMap = JsonSerializer.Deserialize(
            """{"kind":"ConfigMap","metadata":{"name":"c"},"data":{"app.conf":"x=1\n"},"binaryData":{"logo.bin":"AAEC"}}""",
            KubeJsonContext.Default.ConfigMap)!;

        Encoding.UTF8.GetString(secret.Data!["password"]).ShouldBe("hunter2");
        secret.Type.ShouldBe("Opaque");
        configMap.Data!["app.conf"].ShouldBe("x=1\n");
        configMap.BinaryData!["logo.bin"].ShouldBe(new byte[] { 0, 1, 2 });
    }

    [Fact]
    public void Deserialize_StatusWithCauses_ReadsReasonCodeAndDetails()
    {
        var status = JsonSerializer.Deserialize(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Pod \"x\" is invalid","reason":"Invalid","details":{"name":"x","kind":"Pod","causes":[{"reason":"FieldValueRequired","message":"Required value","field":"spec.containers"}]},"code":422}""",
            KubeJsonContext.Default.Status)!;

        status.Code.ShouldBe(422);
        status.Reason.ShouldBe("Invalid");
        status.Outcome.ShouldBe("Failure");
        status.Details!.Causes![0].Field.ShouldBe("spec.containers");
    }

    [Fact]
    public void Apply_NodeAndLeaseMissingEverything_FillsCoreDefaults()
    {
        var node = KubeObjectDefaults.Apply(JsonSerializer.Deserialize("{}", KubeJsonContext.Default.Node)!);
        var lease = KubeObjectDefaults.Apply(JsonSerializer.Deserialize("{}", KubeJsonContext.Default.Lease)!);

        node.Metadata.ShouldNotBeNull();
        node.Spec.ShouldNotBeNull();
        node.Status.ShouldNotBeNull();
        lease.Metadata.ShouldNotBeNull();
        lease.Spec.ShouldNotBeNull();
    }

    [Fact]
    public void Apply_CompletePod_ReturnsSameInstance()
    {
        var pod = new Pod { Metadata = new ObjectMeta { Name = "p" }, Spec = new PodSpec(), Status = new PodStatus() };

        KubeObjectDefaults.Apply(pod).ShouldBeSameAs(pod);
    }

    [Fact]
    public void Apply_PodListItems_FillsEachItem()
    {
        var list = JsonSerializer.Deserialize("""{"items":[{"metadata":{"name":"a"}}]}""", KubeJsonContext.Default.PodList)!;

        var fixedList = KubeObjectDefaults.Apply(list);

        fixedList.Items![0].Spec.Containers.ShouldBeEmpty();
    }

    [Fact]
    public void Serialize_Lease_WritesMicroTimeRenewTime()
    {
        var lease = new Lease { Metadata = new ObjectMeta { Name = "pi-1" }, Spec = new LeaseSpec { RenewTime = Noon.AddTicks(1_234_567) } };

        JsonSerializer.Serialize(lease, KubeJsonContext.Default.Lease).ShouldContain("\"renewTime\":\"2025-01-01T12:00:00.123456Z\"");
    }

    [Fact]
    public void Deserialize_NodeFromApi_IgnoresFieldsEdgeNodeDoesNotModel()
    {
        var node = JsonSerializer.Deserialize(
            """{"kind":"Node","metadata":{"name":"pi-1","uid":"n1","finalizers":["x"],"managedFields":[{"manager":"kubelet"}]},"spec":{"podCIDR":"10.42.0.0/24","configSource":{}},"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True","lastHeartbeatTime":"2025-01-01T12:00:00Z"}]}}""",
            KubeJsonContext.Default.Node)!;

        node.Metadata.Uid.ShouldBe("n1");
        node.Spec.PodCIDR.ShouldBe("10.42.0.0/24");
        node.Status.Conditions![0].LastHeartbeatTime.ShouldBe(Noon);
    }
}
