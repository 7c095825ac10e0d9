using EdgeNode.Core.Manifests;
using EdgeNode.Core.Pods;
using Shouldly;

namespace EdgeNode.Core.Tests.Manifests;

public sealed class PodDefaultsTests
{
    [Fact]
    public void Apply_BarePod_FillsApiDefaults()
    {
        var pod = PodDefaults.Apply(Bare(new Container
        {
            Name = "app",
            Image = "nginx:1.27",
            Ports = [new ContainerPort { Number = 80 }],
            LivenessProbe = new Probe { HttpGet = new HttpGetAction { Port = new IntOrString(80) } },
            Lifecycle = new Lifecycle { PreStop = new LifecycleHandler { HttpGet = new HttpGetAction { Port = new IntOrString(80) } } },
        }) with { Spec = Bare().Spec with { Volumes = [new Volume { Name = "data", HostPath = new HostPathVolumeSource { Path = "/srv" } }] } });

        pod.Metadata.Namespace.ShouldBe("default");
        pod.Spec.RestartPolicy.ShouldBe("Always");
        pod.Spec.TerminationGracePeriodSeconds.ShouldBe(30);
        pod.Spec.DnsPolicy.ShouldBe("ClusterFirst");
        pod.Spec.Volumes![0].HostPath!.Type.ShouldBe("");
    }

    [Fact]
    public void Apply_Container_FillsContainerProbeAndHookDefaults()
    {
        var container = PodDefaults.Apply(Bare(new Container
        {
            Name = "app",
            Image = "nginx:1.27",
            Ports = [new ContainerPort { Number = 80 }],
            LivenessProbe = new Probe { HttpGet = new HttpGetAction { Port = new IntOrString(80) } },
            Lifecycle = new Lifecycle { PreStop = new LifecycleHandler { HttpGet = new HttpGetAction { Port = new IntOrString(80) } } },
        })).Spec.Containers[0];

        container.ImagePullPolicy.ShouldBe("IfNotPresent");
        container.TerminationMessagePath.ShouldBe("/dev/termination-log");
        container.TerminationMessagePolicy.ShouldBe("File");
        container.Ports![0].Protocol.ShouldBe("TCP");
        var probe = container.LivenessProbe!;
        (probe.InitialDelaySeconds, probe.TimeoutSeconds, probe.PeriodSeconds, probe.SuccessThreshold, probe.FailureThreshold).ShouldBe((0, 1, 10, 1, 3));
        (probe.HttpGet!.Path, probe.HttpGet.Scheme).ShouldBe(("/", "HTTP"));
        (container.Lifecycle!.PreStop!.HttpGet!.Path, container.Lifecycle.PreStop.HttpGet.Scheme).ShouldBe(("/", "HTTP"));
    }

    [Theory]
    [InlineData("nginx", "Always")]
    [InlineData("nginx:latest", "Always")]
    [InlineData("nginx:1.27", "IfNotPresent")]
    [InlineData("localhost:5000/nginx", "Always")]
    [InlineData("localhost:5000/nginx:1.27", "IfNotPresent")]
    [InlineData("nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "IfNotPresent")]
    public void Apply_NoPullPolicy_DependsOnTag(string image, string expected) =>
        PodDefaults.Apply(Bare(new Container { Name = "app", Image = image })).Spec.Containers[0].ImagePullPolicy.ShouldBe(expected);

    [Fact]
    public void Apply_ExplicitValues_AreKept()
    {
        var pod = Bare(new Container { Name = "app", Image = "nginx", ImagePullPolicy = "Never", TerminationMessagePolicy = "FallbackToLogsOnError" }) with
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "edge" },
        };
        pod = pod with { Spec = pod.Spec with { RestartPolicy = "Never", TerminationGracePeriodSeconds = 0, DnsPolicy = "Default" } };

        var defaulted = PodDefaults.Apply(pod);

        defaulted.Metadata.Namespace.ShouldBe("edge");
        (defaulted.Spec.RestartPolicy, defaulted.Spec.TerminationGracePeriodSeconds, defaulted.Spec.DnsPolicy).ShouldBe(("Never", 0L, "Default"));
        defaulted.Spec.Containers[0].ImagePullPolicy.ShouldBe("Never");
        defaulted.Spec.Containers[0].TerminationMessagePolicy.ShouldBe("FallbackToLogsOnError");
    }

    [Fact]
    public void Apply_LimitWithoutRequest_RequestsTheLimit()
    {
        var resources = new ResourceRequirements
        {
            Limits = new() { ["cpu"] = Quantity.Parse("500m"), ["memory"] = Quantity.Parse("128Mi") },
            Requests = new() { ["cpu"] = Quantity.Parse("100m") },
        };

        var defaulted = PodDefaults.Apply(Bare(new Container { Name = "app", Image = "nginx", Resources = resources })).Spec.Containers[0].Resources!;

        defaulted.Requests!["cpu"].Text.ShouldBe("100m");
        defaulted.Requests["memory"].Text.ShouldBe("128Mi");
    }

    [Fact]
    public void Apply_DoesNotChangeTheInput()
    {
        var pod = Bare(new Container { Name = "app", Image = "nginx", Ports = [new ContainerPort { Number = 80 }] });

        PodDefaults.Apply(pod);

        pod.Metadata.Namespace.ShouldBeNull();
        pod.Spec.Containers[0].ImagePullPolicy.ShouldBeNull();
        pod.Spec.Containers[0].Ports![0].Protocol.ShouldBeNull();
    }

    private static Pod Bare(params Container[] containers) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new ObjectMeta { Name = "web" },
        Spec = new PodSpec { Containers = [.. containers] },
    };
}
