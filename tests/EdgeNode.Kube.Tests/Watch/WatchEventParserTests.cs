using System.Text.Json;
using EdgeNode.Kube.Models;
using EdgeNode.Kube.Watch;
using Shouldly;

namespace EdgeNode.Kube.Tests.Watch;

public sealed class WatchEventParserTests
{
    [Fact]
    public void Parse_Added_DeserializesObjectAndReadsItsMetadata()
    {
        var line = """{"type":"ADDED","object":{"kind":"Pod","apiVersion":"v1","metadata":{"name":"web","namespace":"default","uid":"u1","resourceVersion":"17"},"spec":{"nodeName":"pi-1","containers":[{"name":"c","image":"nginx"}]},"status":{"phase":"Pending"}}}""";

        var watchEvent = WatchEventParser.Parse(line, KubeJsonContext.Default.Pod);

        watchEvent.Type.ShouldBe(WatchEventType.Added);
        watchEvent.Object!.Metadata.Uid.ShouldBe("u1");
        watchEvent.Object.Spec.Containers[0].Image.ShouldBe("nginx");
        watchEvent.ResourceVersion.ShouldBe("17");
        watchEvent.Namespace.ShouldBe("default");
        watchEvent.Name.ShouldBe("web");
        watchEvent.Error.ShouldBeNull();
    }

    [Theory]
    [InlineData("MODIFIED", WatchEventType.Modified)]
    [InlineData("DELETED", WatchEventType.Deleted)]
    public void Parse_ModifiedOrDeleted_MapsType(string type, WatchEventType expected)
    {
        var watchEvent = WatchEventParser.Parse($$"""{"type":"{{type}}","object":{"metadata":{"name":"pi-1","resourceVersion":"5"}""" + "}}", KubeJsonContext.Default.Node);

        watchEvent.Type.ShouldBe(expected);
        watchEvent.Namespace.ShouldBeNull();
    }

    [Fact]
    public void Parse_Bookmark_CarriesResourceVersionAndEmptyObjectWithDefaults()
    {
        var line = """{"type":"BOOKMARK","object":{"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"12746","annotations":{"k8s.io/initial-events-end":"true"}}}}""";

        var watchEvent = WatchEventParser.Parse(line, KubeJsonContext.Default.Pod);

        watchEvent.Type.ShouldBe(WatchEventType.Bookmark);
        watchEvent.ResourceVersion.ShouldBe("12746");
        watchEvent.Object!.Spec.ShouldNotBeNull();
    }

    [Fact]
    public void Parse_Error410_CarriesStatus()
    {
        var line = """{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 5 (900)","reason":"Expired","code":410}}""";

        var watchEvent = WatchEventParser.Parse(line, KubeJsonContext.Default.Pod);

        watchEvent.Type.ShouldBe(WatchEventType.Error);
        watchEvent.Object.ShouldBeNull();
        watchEvent.Error!.Code.ShouldBe(410);
        watchEvent.Error.Reason.ShouldBe("Expired");
        watchEvent.Error.Outcome.ShouldBe("Failure");
    }

    [Theory]
    [InlineData("""{"type":"RENAMED","object":{}}""", "unknown watch event type 'RENAMED'")]
    [InlineData("""{"object":{}}""", "the watch event has no type")]
    [InlineData("""{"type":"ADDED"}""", "the ADDED watch event has no object")]
    [InlineData("""[1]""", "a watch event must be a JSON object")]
    public void Parse_NotAWatchEvent_ThrowsJsonExceptionSayingWhy(string line, string expected)
    {
        var error = Should.Throw<JsonException>(() => WatchEventParser.Parse(line, KubeJsonContext.Default.Pod));

        error.Message.ShouldBe(expected);
    }
}
