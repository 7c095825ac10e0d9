using EdgeNode.Core.Manifests;
using EdgeNode.Core.Sources;
using Shouldly;

namespace EdgeNode.Core.Tests.Manifests;

public sealed class PodManifestReaderTests
{
    private const string File = "/etc/edgenode/manifests/web.yaml";

    [Fact]
    public void Read_ValidYaml_ReturnsDefaultedPod()
    {
        var result = PodManifestReader.Read(File, TestManifests.Pod(), "node1");

        result.Problems.ShouldBeEmpty();
        var pod = result.Pods.ShouldHaveSingleItem();
        pod.Document.ShouldBe(1);
        pod.Pod.Metadata.Name.ShouldBe("web");
        pod.Pod.Metadata.Namespace.ShouldBe("default");
        pod.Pod.Spec.Containers[0].ImagePullPolicy.ShouldBe("IfNotPresent");
    }

    [Fact]
    public void Read_JsonManifest_ReturnsPod()
    {
        const string json = """
            {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "api"},
             "spec": {"containers": [{"name": "app", "image": "nginx:1.27", "ports": [{"containerPort": 80}]}]}}
            """;

        var result = PodManifestReader.Read("/m/api.json", json, "node1");

        result.Problems.ShouldBeEmpty();
        result.Pods.ShouldHaveSingleItem().Pod.Spec.Containers[0].Ports![0].Number.ShouldBe(80);
    }

    [Fact]
    public void Read_MultipleDocuments_ReturnsPodPerDocumentAndSkipsEmptyOnes()
    {
        var yaml = TestManifests.Pod() + "---\n---\n" + TestManifests.Pod(name: "web2");

        var result = PodManifestReader.Read(File, yaml, "node1");

        result.Problems.ShouldBeEmpty();
        result.Pods.Select(p => (p.Document, p.Pod.Metadata.Name)).ShouldBe([(1, "web"), (3, "web2")]);
    }

    [Fact]
    public void Read_ContainerNameNotDns1123_GivesTheDocumentedSentence()
    {
        var problem = SingleProblem(TestManifests.Pod().Replace("name: app", "name: Web", StringComparison.Ordinal));

        problem.Message.ShouldBe("/etc/edgenode/manifests/web.yaml: document 1: spec.containers[0].name \"Web\" is not a valid DNS-1123 label (lower-case letters, digits and '-', at most 63 characters): rename the container");
        problem.Path.ShouldBe(File);
        problem.PodName.ShouldBe("web-node1");
        problem.Namespace.ShouldBe("default");
    }

    [Fact]
    public void Read_InvalidYaml_NamesFileAndLine()
    {
        var problem = SingleProblem("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n   labels: x\n");

        problem.Message.ShouldStartWith($"{File}: line 5, column ");
        problem.Message.ShouldContain("the syntax is invalid");
        problem.PodName.ShouldBeNull();
    }

    [Fact]
    public void Read_DuplicateYamlKey_NamesFileAndLine() =>
        SingleProblem(TestManifests.Pod() + "  restartPolicy: Never\n  restartPolicy: Always\n").Message
            .ShouldBe($"{File}: line 10, column 3: duplicate key \"restartPolicy\" (first at line 9): remove one of them");

    [Fact]
    public void Read_InvalidJson_NamesFileAndLine() =>
        PodManifestReader.Read("/m/a.json", "{\n  \"kind\": \"Pod\"\n  \"apiVersion\": \"v1\"\n}", "node1").Problems.ShouldHaveSingleItem().Message
            .ShouldStartWith("/m/a.json: line 3, column 3: the syntax is invalid");

    [Fact]
    public void Read_DuplicateJsonKey_NamesFileAndLine() =>
        PodManifestReader.Read("/m/a.json", "{\n  \"kind\": \"Pod\",\n  \"kind\": \"Pod\"\n}", "node1").Problems.ShouldHaveSingleItem().Message
            .ShouldBe("/m/a.json: line 3, column 3: duplicate key \"kind\" (first at line 2): remove one of them");

    [Fact]
    public void Read_OtherKind_SaysWhatTheDocumentIs()
    {
        var yaml = TestManifests.Pod() + "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n";

        var result = PodManifestReader.Read(File, yaml, "node1");

        result.Pods.ShouldHaveSingleItem();
        result.Problems.ShouldHaveSingleItem().Message
            .ShouldBe($"{File}: document 2 is an apps/v1 Deployment; the static pod folder takes only v1 Pod manifests");
    }

    [Theory]
    [InlineData("metadata:\n  name: web\n", "document 1 has no kind: a static pod manifest starts with apiVersion: v1 and kind: Pod")]
    [InlineData("- a\n- b\n", "document 1 is a list, not a mapping: a manifest document must be a v1 Pod")]
    [InlineData("just text\n", "document 1 is a single value, not a mapping: a manifest document must be a v1 Pod")]
    public void Read_NotAPod_SaysWhy(string yaml, string expected) =>
        SingleProblem(yaml).Message.ShouldBe($"{File}: {expected}");

    [Theory]
    [InlineData("    foo: 1\n", "", "field spec.containers[0].foo is not supported by EdgeNode: remove it or check its spelling")]
    [InlineData("    Image: x\n", "", "field spec.containers[0].Image is not supported by EdgeNode: remove it or check its spelling (did you mean image?)")]
    [InlineData("    livenessProbe:\n      grpc:\n        port: 1\n", "", "field spec.containers[0].livenessProbe.grpc is not supported by EdgeNode: remove it or check its spelling")]
    [InlineData("", "  volumes:\n  - name: cfg\n    configMap:\n      name: x\n", "volume \"cfg\" uses configMap, which needs an API server (static pods support emptyDir, hostPath): put the data on the node and mount it with a hostPath volume, or use an emptyDir volume for scratch space")]
    [InlineData("    env:\n    - name: A\n      value: 1\n", "", "spec.containers[0].env[0].value must be a string, but it is the number 1: quote it (\"1\")")]
    [InlineData("    env:\n    - name: A\n      value: true\n", "", "spec.containers[0].env[0].value must be a string, but it is the value true: quote it (\"true\")")]
    [InlineData("    ports:\n    - containerPort: \"80\"\n", "", "spec.containers[0].ports[0].containerPort must be a whole number, but it is the text \"80\": remove the quotes")]
    [InlineData("    ports:\n    - containerPort: 99999999999\n", "", "spec.containers[0].ports[0].containerPort must be a whole number, but it is the number 99999999999: use a whole number no larger than 2147483647")]
    [InlineData("    ports:\n      containerPort: 80\n", "", "spec.containers[0].ports must be a list, but it is a mapping: write each item on its own line starting with '-'")]
    [InlineData("    resources:\n      limits:\n        cpu: lots\n", "", "spec.containers[0].resources.limits.cpu must be a quantity such as 500m, 128Mi or 2, but it is the text \"lots\": fix the number or its unit (m, Ki, Mi, Gi, k, M, G)")]
    [InlineData("    livenessProbe:\n      httpGet:\n        port: true\n", "", "spec.containers[0].livenessProbe.httpGet.port must be a port number or port name, but it is the value true: use a number such as 8080 or the name of a container port")]
    [InlineData("    stdin: \"yes\"\n", "", "spec.containers[0].stdin must be true or false, but it is the text \"yes\": write true or false without quotes")]
    [InlineData("    env:\n    -\n", "", "spec.containers[0].env[0] is empty: remove the empty '-' entry or fill it in")]
    [InlineData("", "  nodeSelector:\n    kubernetes.io/arch: [arm64]\n", "spec.nodeSelector['kubernetes.io/arch'] must be a string, but it is a list: write it as text")]
    [InlineData("", "  nodeSelector:\n    disk: [ssd]\n", "spec.nodeSelector.disk must be a string, but it is a list: write it as text")]
    public void Read_WrongShape_GivesOneSentenceNamingFileAndField(string container, string spec, string expected) =>
        SingleProblem(TestManifests.Pod(container, spec)).Message.ShouldBe($"{File}: document 1: {expected}");

    [Fact]
    public void Read_MetadataIsAList_SaysItMustBeAMapping() =>
        SingleProblem("apiVersion: v1\nkind: Pod\nmetadata: [web]\n").Message
            .ShouldBe($"{File}: document 1: metadata must be a mapping, but it is a list: write key: value lines indented under it");

    [Fact]
    public void Read_ManyValidationProblems_OneSentenceEach()
    {
        var yaml = TestManifests.Pod(spec: "  restartPolicy: always\n  terminationGracePeriodSeconds: -1\n");

        var result = PodManifestReader.Read(File, yaml, "node1");

        result.Pods.ShouldBeEmpty();
        result.Problems.Select(p => p.Message).ShouldBe(
        [
            $"{File}: document 1: spec.restartPolicy \"always\" is not valid: use one of Always, OnFailure, Never",
            $"{File}: document 1: spec.terminationGracePeriodSeconds -1 must not be negative: use 0 or more",
        ]);
    }

    [Fact]
    public void Read_StatusInManifest_IsIgnored()
    {
        var yaml = TestManifests.Pod() + "status:\n  phase: Running\n  startTime: not-a-time\n";

        PodManifestReader.Read(File, yaml, "node1").Pods.ShouldHaveSingleItem().Pod.Status.ShouldBeNull();
    }

    [Fact]
    public void Read_NullFields_CountAsUnset()
    {
        var yaml = TestManifests.Pod(container: "    env:\n    ports: ~\n") + "  volumes: null\n";

        PodManifestReader.Read(File, yaml, "node1").Problems.ShouldBeEmpty();
    }

    [Fact]
    public void Read_NameTooLongWithNodeSuffix_IsAProblem()
    {
        SingleProblem(TestManifests.Pod(name: new string('a', 250))).Message
            .ShouldBe($"{File}: document 1: metadata.name is 250 characters long and the node suffix makes it 256, more than the 253 allowed: shorten the name");
    }

    [Fact]
    public void Read_OneBadDocument_KeepsTheOthers()
    {
        var yaml = TestManifests.Pod() + "---\n" + TestManifests.Pod(container: "    foo: 1\n", name: "other");

        var result = PodManifestReader.Read(File, yaml, "node1");

        result.Pods.ShouldHaveSingleItem().Pod.Metadata.Name.ShouldBe("web");
        result.Problems.ShouldHaveSingleItem().PodName.ShouldBe("other-node1");
    }

    private static ManifestProblem SingleProblem(string yaml)
    {
        var result = PodManifestReader.Read(File, yaml, "Node1");
        result.Pods.ShouldBeEmpty();
        return result.Problems.ShouldHaveSingleItem();
    }
}
