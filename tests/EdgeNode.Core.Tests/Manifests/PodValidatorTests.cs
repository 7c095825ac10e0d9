using EdgeNode.Core.Manifests;
using EdgeNode.Core.Pods;
using Shouldly;

namespace EdgeNode.Core.Tests.Manifests;

public sealed class PodValidatorTests
{
    private const string File = "/m/web.yaml";

    [Fact]
    public void Validate_ValidPod_HasNoProblems() => PodValidator.Validate(ValidPod()).ShouldBeEmpty();

    [Fact]
    public void Validate_MissingTypeAndName_ReportsEach()
    {
        var pod = ValidPod() with { ApiVersion = null, Kind = null, Metadata = new ObjectMeta() };

        PodValidator.Validate(pod).ShouldBe(
        [
            "apiVersion is missing: add apiVersion: v1",
            "kind is missing: add kind: Pod",
            "metadata.name is missing: give the pod a name",
        ]);
    }

    [Fact]
    public void Validate_WrongTypeAndBadNames_ReportsEach()
    {
        var pod = ValidPod() with
        {
            ApiVersion = "v2",
            Kind = "Job",
            Metadata = new ObjectMeta { Name = new string('a', 254), Namespace = "Prod" },
        };

        PodValidator.Validate(pod).ShouldBe(
        [
            "apiVersion \"v2\" is not supported: use apiVersion: v1",
            "kind \"Job\" is not supported: EdgeNode runs only kind: Pod",
            "metadata.name is 254 characters long, more than the 253 a DNS-1123 subdomain may have: rename the pod",
            "metadata.namespace \"Prod\" is not a valid DNS-1123 label (lower-case letters, digits and '-', at most 63 characters): fix the namespace",
        ]);
    }

    [Fact]
    public void Validate_NoContainers_ReportsIt() =>
        PodValidator.Validate(ValidPod() with { Spec = new PodSpec() }).ShouldBe(["spec.containers is empty: a pod needs at least one container"]);

    [Fact]
    public void Validate_ContainerWithoutNameAndImage_ReportsBoth() =>
        PodValidator.Validate(ValidPod() with { Spec = new PodSpec { Containers = [new Container()] } }).ShouldBe(
        [
            "spec.containers[0].name is missing: give the container a name",
            "spec.containers[0].image is missing: set the image to run, e.g. nginx:1.27",
        ]);

    [Theory]
    // containers
    [InlineData("", "  initContainers:\n  - name: app\n    image: busybox\n", "spec.containers[0].name \"app\" is already used by spec.initContainers[0]: give each container a unique name")]
    [InlineData("    imagePullPolicy: always\n", "", "spec.containers[0].imagePullPolicy \"always\" is not valid: use one of Always, IfNotPresent, Never")]
    [InlineData("", "  initContainers:\n  - name: init\n    image: busybox\n    readinessProbe:\n      exec:\n        command: [ls]\n", "spec.initContainers[0].readinessProbe is not allowed on an init container: remove it")]
    // ports
    [InlineData("    ports:\n    - containerPort: 0\n", "", "spec.containers[0].ports[0].containerPort 0 is out of range: use a port from 1 to 65535")]
    [InlineData("    ports:\n    - containerPort: 70000\n", "", "spec.containers[0].ports[0].containerPort 70000 is out of range: use a port from 1 to 65535")]
    [InlineData("    ports:\n    - containerPort: 80\n      hostPort: -1\n", "", "spec.containers[0].ports[0].hostPort -1 is out of range: use a port from 1 to 65535, or 0 for none")]
    [InlineData("    ports:\n    - containerPort: 80\n      protocol: tcp\n", "", "spec.containers[0].ports[0].protocol \"tcp\" is not valid: use one of TCP, UDP, SCTP")]
    [InlineData("    ports:\n    - containerPort: 80\n      hostPort: 8080\n    - containerPort: 81\n      hostPort: 8080\n", "", "spec.containers[0].ports[1].hostPort 8080/TCP is already used by spec.containers[0].ports[0]: use a different hostPort")]
    [InlineData("    ports:\n    - containerPort: 80\n      name: HTTP\n", "", "spec.containers[0].ports[0].name \"HTTP\" is not a valid port name (at most 15 lower-case letters, digits and '-', with at least one letter): rename the port")]
    // env
    [InlineData("    env:\n    - name: ''\n", "", "spec.containers[0].env[0].name is missing: give the variable a name")]
    [InlineData("    env:\n    - name: A=B\n", "", "spec.containers[0].env[0].name \"A=B\" contains '=': remove the '=' from the name")]
    [InlineData("    env:\n    - name: A\n      valueFrom: {}\n", "", "spec.containers[0].env[0].valueFrom must set exactly one of fieldRef or resourceFieldRef: keep one")]
    [InlineData("    env:\n    - name: A\n      valueFrom:\n        fieldRef:\n          fieldPath: metadata.name\n        resourceFieldRef:\n          resource: limits.cpu\n", "", "spec.containers[0].env[0].valueFrom must set exactly one of fieldRef or resourceFieldRef: keep one")]
    [InlineData("    env:\n    - name: A\n      value: x\n      valueFrom:\n        fieldRef:\n          fieldPath: metadata.name\n", "", "spec.containers[0].env[0] sets both value and valueFrom: keep only one")]
    [InlineData("    env:\n    - name: A\n      valueFrom:\n        fieldRef:\n          fieldPath: spec.hostname\n", "", "spec.containers[0].env[0].valueFrom.fieldRef.fieldPath \"spec.hostname\" is not supported: use one of metadata.name, metadata.namespace, metadata.uid, metadata.labels['<key>'], metadata.annotations['<key>'], spec.nodeName, spec.serviceAccountName, status.podIP, status.podIPs, status.hostIP, status.hostIPs")]
    [InlineData("    env:\n    - name: A\n      valueFrom:\n        resourceFieldRef:\n          resource: limits.nvidia.com/gpu\n", "", "spec.containers[0].env[0].valueFrom.resourceFieldRef.resource \"limits.nvidia.com/gpu\" is not valid: use one of limits.cpu, limits.memory, limits.ephemeral-storage, requests.cpu, requests.memory, requests.ephemeral-storage")]
    [InlineData("    env:\n    - name: A\n      valueFrom:\n        resourceFieldRef:\n          resource: limits.cpu\n          containerName: other\n", "", "spec.containers[0].env[0].valueFrom.resourceFieldRef.containerName \"other\" is not a container of this pod: fix the name or remove it")]
    // volumes
    [InlineData("", "  volumes:\n  - name: Data\n    emptyDir: {}\n", "spec.volumes[0].name \"Data\" is not a valid DNS-1123 label (lower-case letters, digits and '-', at most 63 characters): rename the volume")]
    [InlineData("", "  volumes:\n  - name: data\n    emptyDir: {}\n  - name: data\n    emptyDir: {}\n", "spec.volumes[1].name \"data\" is already used by spec.volumes[0]: give each volume a unique name")]
    [InlineData("", "  volumes:\n  - name: data\n", "spec.volumes[0] has no source: add emptyDir: {} or hostPath: {path: /some/dir}")]
    [InlineData("", "  volumes:\n  - name: data\n    emptyDir: {}\n    hostPath:\n      path: /srv\n", "spec.volumes[0] sets both emptyDir and hostPath: keep only one")]
    [InlineData("", "  volumes:\n  - name: data\n    hostPath:\n      path: srv/data\n", "spec.volumes[0].hostPath.path \"srv/data\" is not an absolute path: start it with '/'")]
    [InlineData("", "  volumes:\n  - name: data\n    hostPath:\n      path: /srv\n      type: Dir\n", "spec.volumes[0].hostPath.type \"Dir\" is not valid: use one of \"\", DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice, BlockDevice")]
    [InlineData("", "  volumes:\n  - name: data\n    emptyDir:\n      medium: Disk\n", "spec.volumes[0].emptyDir.medium \"Disk\" is not valid: use one of \"\", Memory")]
    // volume mounts
    [InlineData("    volumeMounts:\n    - name: nope\n      mountPath: /data\n", "  volumes:\n  - name: data\n    emptyDir: {}\n", "spec.containers[0].volumeMounts[0].name \"nope\" does not match any volume in spec.volumes: declare the volume or fix the name")]
    [InlineData("    volumeMounts:\n    - name: data\n      mountPath: data\n", "  volumes:\n  - name: data\n    emptyDir: {}\n", "spec.containers[0].volumeMounts[0].mountPath \"data\" is not an absolute path: start it with '/'")]
    [InlineData("    volumeMounts:\n    - name: data\n      mountPath: /data\n    - name: data\n      mountPath: /data/\n", "  volumes:\n  - name: data\n    emptyDir: {}\n", "spec.containers[0].volumeMounts[1].mountPath \"/data/\" is already used by spec.containers[0].volumeMounts[0]: mount each path once")]
    [InlineData("    volumeMounts:\n    - name: data\n      mountPath: /data\n      subPath: a/../../etc\n", "  volumes:\n  - name: data\n    emptyDir: {}\n", "spec.containers[0].volumeMounts[0].subPath \"a/../../etc\" must be a relative path without '..': fix the subPath")]
    [InlineData("    volumeMounts:\n    - name: data\n      mountPath: /data\n      mountPropagation: Shared\n", "  volumes:\n  - name: data\n    emptyDir: {}\n", "spec.containers[0].volumeMounts[0].mountPropagation \"Shared\" is not valid: use one of None, HostToContainer, Bidirectional")]
    [InlineData("    volumeMounts:\n    - name: data\n      mountPath: /data\n      mountPropagation: Bidirectional\n", "  volumes:\n  - name: data\n    emptyDir: {}\n", "spec.containers[0].volumeMounts[0].mountPropagation Bidirectional needs securityContext.privileged: true on the container: set it or use HostToContainer")]
    // pod spec
    [InlineData("", "  restartPolicy: Sometimes\n", "spec.restartPolicy \"Sometimes\" is not valid: use one of Always, OnFailure, Never")]
    [InlineData("", "  terminationGracePeriodSeconds: -1\n", "spec.terminationGracePeriodSeconds -1 must not be negative: use 0 or more")]
    [InlineData("", "  activeDeadlineSeconds: 0\n", "spec.activeDeadlineSeconds 0 must be at least 1: raise it")]
    [InlineData("", "  dnsPolicy: None\n", "spec.dnsPolicy None needs spec.dnsConfig.nameservers: add at least one nameserver or use another dnsPolicy")]
    [InlineData("", "  securityContext:\n    runAsGroup: -1\n", "spec.securityContext.runAsGroup -1 is not a valid ID: use a number from 0 to 2147483647")]
    [InlineData("    securityContext:\n      runAsUser: -1\n", "", "spec.containers[0].securityContext.runAsUser -1 is not a valid ID: use a number from 0 to 2147483647")]
    // resources
    [InlineData("    resources:\n      limits:\n        nvidia.com/gpu: 1\n", "", "spec.containers[0].resources.limits['nvidia.com/gpu'] is not supported by EdgeNode (supported: cpu, memory, ephemeral-storage): remove it")]
    [InlineData("    resources:\n      requests:\n        hugepages-2Mi: 1Gi\n", "", "spec.containers[0].resources.requests.hugepages-2Mi is not supported by EdgeNode (supported: cpu, memory, ephemeral-storage): remove it")]
    [InlineData("    resources:\n      requests:\n        cpu: -100m\n", "", "spec.containers[0].resources.requests.cpu \"-100m\" must not be negative: use a positive amount")]
    [InlineData("    resources:\n      requests:\n        memory: 256Mi\n      limits:\n        memory: 128Mi\n", "", "spec.containers[0].resources.requests.memory \"256Mi\" is more than the limit \"128Mi\": lower the request or raise the limit")]
    // probes
    [InlineData("    livenessProbe:\n      periodSeconds: 5\n", "", "spec.containers[0].livenessProbe has no action: add one of exec, httpGet or tcpSocket")]
    [InlineData("    readinessProbe:\n      exec:\n        command: [ls]\n      tcpSocket:\n        port: 80\n", "", "spec.containers[0].readinessProbe sets more than one of exec, httpGet or tcpSocket: keep only one")]
    [InlineData("    livenessProbe:\n      exec:\n        command: []\n", "", "spec.containers[0].livenessProbe.exec.command is empty: give the command to run, e.g. [\"cat\", \"/tmp/healthy\"]")]
    [InlineData("    livenessProbe:\n      tcpSocket:\n        port: 80\n      initialDelaySeconds: -1\n", "", "spec.containers[0].livenessProbe.initialDelaySeconds -1 must not be negative: use 0 or more")]
    [InlineData("    livenessProbe:\n      tcpSocket:\n        port: 80\n      timeoutSeconds: -1\n", "", "spec.containers[0].livenessProbe.timeoutSeconds -1 must be at least 1: raise it")]
    [InlineData("    livenessProbe:\n      tcpSocket:\n        port: 80\n      periodSeconds: -10\n", "", "spec.containers[0].livenessProbe.periodSeconds -10 must be at least 1: raise it")]
    [InlineData("    livenessProbe:\n      tcpSocket:\n        port: 80\n      failureThreshold: -3\n", "", "spec.containers[0].livenessProbe.failureThreshold -3 must be at least 1: raise it")]
    [InlineData("    livenessProbe:\n      tcpSocket:\n        port: 80\n      successThreshold: 2\n", "", "spec.containers[0].livenessProbe.successThreshold 2 must be 1 for a liveness probe: set it to 1 or remove it")]
    [InlineData("    startupProbe:\n      tcpSocket:\n        port: 80\n      successThreshold: 3\n", "", "spec.containers[0].startupProbe.successThreshold 3 must be 1 for a startup probe: set it to 1 or remove it")]
    [InlineData("    readinessProbe:\n      httpGet:\n        port: 0\n", "", "spec.containers[0].readinessProbe.httpGet.port 0 is out of range: use a port from 1 to 65535")]
    [InlineData("    readinessProbe:\n      httpGet:\n        port: http\n", "", "spec.containers[0].readinessProbe.httpGet.port \"http\" is not the name of a port of this container: add it to the container's ports or use a number")]
    [InlineData("    readinessProbe:\n      httpGet:\n        port: 80\n        scheme: ftp\n", "", "spec.containers[0].readinessProbe.httpGet.scheme \"ftp\" is not valid: use one of HTTP, HTTPS")]
    [InlineData("    readinessProbe:\n      tcpSocket:\n        port: 80\n      terminationGracePeriodSeconds: 5\n", "", "spec.containers[0].readinessProbe.terminationGracePeriodSeconds is not allowed on a readiness probe: remove it")]
    // lifecycle
    [InlineData("    lifecycle:\n      postStart: {}\n", "", "spec.containers[0].lifecycle.postStart has no action: add one of exec, httpGet or sleep")]
    [InlineData("    lifecycle:\n      preStop:\n        exec:\n          command: [ls]\n        sleep:\n          seconds: 1\n", "", "spec.containers[0].lifecycle.preStop sets more than one of exec, httpGet or sleep: keep only one")]
    [InlineData("    lifecycle:\n      preStop:\n        sleep:\n          seconds: 60\n", "", "spec.containers[0].lifecycle.preStop.sleep.seconds 60 is longer than spec.terminationGracePeriodSeconds (30): shorten the sleep or raise the grace period")]
    public void Read_InvalidField_GivesOneSentenceNamingFileAndField(string container, string spec, string expected)
    {
        var result = PodManifestReader.Read(File, TestManifests.Pod(container, spec), "node1");

        result.Pods.ShouldBeEmpty();
        result.Problems.ShouldHaveSingleItem().Message.ShouldBe($"{File}: document 1: {expected}");
    }

    [Fact]
    public void Read_EnvValueOverArgLimit_IsAProblem()
    {
        var value = new string('x', ContainerValidator.MaxEnvEntryBytes);

        var result = PodManifestReader.Read(File, TestManifests.Pod($"    env:\n    - name: BIG\n      value: {value}\n"), "node1");

        result.Problems.ShouldHaveSingleItem().Message.ShouldBe(
            $"{File}: document 1: spec.containers[0].env[0].value is 131077 bytes with its name; Linux allows at most 131072 bytes per variable (MAX_ARG_STRLEN): shorten it or put the data in a file on a hostPath volume");
    }

    [Fact]
    public void Read_HugeEnvironment_IsAProblem()
    {
        var env = string.Concat(Enumerable.Range(0, 11).Select(i => $"    - name: V{i}\n      value: {new string('x', 100_000)}\n"));

        var result = PodManifestReader.Read(File, TestManifests.Pod("    env:\n" + env), "node1");

        result.Problems.ShouldHaveSingleItem().Message.ShouldStartWith($"{File}: document 1: spec.containers[0].env adds up to 1100045 bytes; EdgeNode allows at most 1048576 bytes");
    }

    [Theory]
    [InlineData("    env:\n    - name: A\n      valueFrom:\n        fieldRef:\n          fieldPath: metadata.labels['app']\n")]
    [InlineData("    env:\n    - name: A\n      valueFrom:\n        resourceFieldRef:\n          resource: requests.memory\n          divisor: 1Mi\n")]
    [InlineData("    ports:\n    - containerPort: 8080\n      name: http\n    livenessProbe:\n      httpGet:\n        port: http\n      timeoutSeconds: 0\n")]
    [InlineData("    volumeMounts:\n    - name: data\n      mountPath: /data\n      subPath: logs/app\n      mountPropagation: HostToContainer\n")]
    public void Read_ValidFields_HaveNoProblems(string container)
    {
        var spec = "  volumes:\n  - name: data\n    hostPath:\n      path: /srv/data\n      type: DirectoryOrCreate\n";

        PodManifestReader.Read(File, TestManifests.Pod(container, spec), "node1").Problems.ShouldBeEmpty();
    }

    private static Pod ValidPod() => PodDefaults.Apply(new Pod
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new ObjectMeta { Name = "web" },
        Spec = new PodSpec { Containers = [new Container { Name = "app", Image = "nginx:1.27" }] },
    });
}
