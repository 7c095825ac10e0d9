using EdgeNode.Core.Engine;
using Shouldly;

namespace EdgeNode.Core.Tests.Engine;

public sealed class StartErrorsTests
{
    private const string Field = "spec.containers[0]";

    [Fact]
    public void Explain_CommandNotFound_NamesCommandImageAndFix()
    {
        // Arrange
        var container = TestPods.Container("app") with { Command = ["serve", "--port=80"] };
        const string runtime = "exec: \"serve\": executable file not found in $PATH";

        // Act
        var message = StartErrors.Explain(runtime, container, Field);

        // Assert
        message.ShouldBe($"command \"serve\" was not found in image busybox:1.36: fix spec.containers[0].command or use an image that has it ({runtime})");
    }

    [Fact]
    public void Explain_EntrypointMissingWithoutCommand_NamesEntrypoint()
    {
        // Act
        var message = StartErrors.Explain("exec /docker-entrypoint.sh: no such file or directory", TestPods.Container("app"), Field);

        // Assert
        message.ShouldStartWith("the image's entrypoint was not found in image busybox:1.36");
    }

    [Fact]
    public void Explain_ArgsOnly_NamesFirstArg()
    {
        // Act
        var message = StartErrors.Explain("executable file not found", TestPods.Container("app") with { Args = ["run.sh"] }, Field);

        // Assert
        message.ShouldStartWith("command \"run.sh\" was not found");
    }

    [Fact]
    public void Explain_PermissionDenied_SuggestsShell()
    {
        // Act
        var message = StartErrors.Explain("exec: \"/app/run\": permission denied", TestPods.Container("app"), "spec.initContainers[1]");

        // Assert
        message.ShouldStartWith("spec.initContainers[1].command cannot be executed (permission denied) in image busybox:1.36");
    }

    [Fact]
    public void Explain_OtherError_Unchanged()
    {
        // Act
        var message = StartErrors.Explain("OCI runtime create failed: cgroup error", TestPods.Container("app"), Field);

        // Assert
        message.ShouldBe("OCI runtime create failed: cgroup error");
    }
}
