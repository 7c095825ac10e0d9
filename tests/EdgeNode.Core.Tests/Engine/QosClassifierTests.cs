using EdgeNode.Core.Engine;
using EdgeNode.Core.Pods;
using Shouldly;

namespace EdgeNode.Core.Tests.Engine;

public sealed class QosClassifierTests
{
    private static Container With(string name, (string, string)[]? requests = null, (string, string)[]? limits = null) =>
        TestPods.Container(name) with
        {
            Resources = new ResourceRequirements
            {
                Requests = requests is null ? null : TestPods.Resources(requests),
                Limits = limits is null ? null : TestPods.Resources(limits),
            },
        };

    [Fact]
    public void Classify_NoRequestsOrLimits_BestEffort()
    {
        // Act
        var qos = QosClassifier.Classify(TestPods.Spec(TestPods.Container("a"), TestPods.Container("b")));

        // Assert
        qos.ShouldBe(QosClass.BestEffort);
    }

    [Fact]
    public void Classify_CpuAndMemoryLimitsEqualRequestsInEveryContainer_Guaranteed()
    {
        // Arrange
        (string, string)[] resources = [("cpu", "250m"), ("memory", "64Mi")];
        var spec = TestPods.Spec(With("a", resources, resources), With("b", [("cpu", "1"), ("memory", "1Gi")], [("cpu", "1"), ("memory", "1Gi")]));

        // Act
        var qos = QosClassifier.Classify(spec);

        // Assert
        qos.ShouldBe(QosClass.Guaranteed);
    }

    [Fact]
    public void Classify_LimitsOnly_GuaranteedBecauseRequestsDefaultToLimits()
    {
        // Act
        var qos = QosClassifier.Classify(TestPods.Spec(With("a", limits: [("cpu", "1"), ("memory", "128Mi")])));

        // Assert
        qos.ShouldBe(QosClass.Guaranteed);
    }

    [Fact]
    public void Classify_RequestsBelowLimits_Burstable()
    {
        // Act
        var qos = QosClassifier.Classify(TestPods.Spec(With("a", [("cpu", "500m"), ("memory", "64Mi")], [("cpu", "1"), ("memory", "64Mi")])));

        // Assert
        qos.ShouldBe(QosClass.Burstable);
    }

    [Fact]
    public void Classify_OnlyMemoryLimit_Burstable()
    {
        // Act
        var qos = QosClassifier.Classify(TestPods.Spec(With("a", limits: [("memory", "64Mi")])));

        // Assert
        qos.ShouldBe(QosClass.Burstable);
    }

    [Fact]
    public void Classify_OneContainerWithoutResources_Burstable()
    {
        // Arrange
        (string, string)[] resources = [("cpu", "250m"), ("memory", "64Mi")];

        // Act
        var qos = QosClassifier.Classify(TestPods.Spec(With("a", resources, resources), TestPods.Container("b")));

        // Assert
        qos.ShouldBe(QosClass.Burstable);
    }

    [Fact]
    public void Classify_InitContainerHasRequest_CountsTowardsBurstable()
    {
        // Arrange
        var spec = TestPods.Spec(TestPods.Container("a")) with { InitContainers = [With("init", requests: [("memory", "32Mi")])] };

        // Act
        var qos = QosClassifier.Classify(spec);

        // Assert
        qos.ShouldBe(QosClass.Burstable);
    }

    [Fact]
    public void Classify_ZeroRequestsAndNonComputeResources_Ignored()
    {
        // Act
        var qos = QosClassifier.Classify(TestPods.Spec(With("a", [("cpu", "0"), ("ephemeral-storage", "1Gi")], [("ephemeral-storage", "2Gi")])));

        // Assert
        qos.ShouldBe(QosClass.BestEffort);
    }

    [Fact]
    public void ToApiString_EachClass_IsKubernetesName()
    {
        // Act / Assert
        QosClass.Guaranteed.ToApiString().ShouldBe("Guaranteed");
        QosClass.Burstable.ToApiString().ShouldBe("Burstable");
        QosClass.BestEffort.ToApiString().ShouldBe("BestEffort");
    }
}
