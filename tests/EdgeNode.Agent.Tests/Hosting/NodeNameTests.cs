using EdgeNode.Agent.Configuration;
using EdgeNode.Agent.Hosting;
using Shouldly;

namespace EdgeNode.Agent.Tests.Hosting;

public sealed class NodeNameTests
{
    [Fact]
    public void Resolve_Override_IsTrimmedAndLowerCased() => NodeName.Resolve("  Pi-Kitchen.Local ").ShouldBe("pi-kitchen.local");

    [Fact]
    public void Resolve_NoOverride_UsesTheMachineName() => NodeName.Resolve(null).ShouldBe(Environment.MachineName.Trim().ToLowerInvariant());

    [Fact]
    public void Resolve_InvalidName_SaysHowToFix() =>
        Should.Throw<ConfigurationException>(() => NodeName.Resolve("pi_kitchen")).Message.ShouldContain("--hostname-override");
}
