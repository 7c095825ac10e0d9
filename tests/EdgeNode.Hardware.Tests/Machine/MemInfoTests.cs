using EdgeNode.Hardware.Machine;
using Shouldly;

namespace EdgeNode.Hardware.Tests.Machine;

public sealed class MemInfoTests : IDisposable
{
    private readonly FixtureTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Theory]
    [InlineData("MemTotal:        2048 kB\n", 2048L * 1024)]
    [InlineData("MemTotal: garbage kB\n", null)]
    [InlineData("MemTotal: -5 kB\n", null)]
    [InlineData("", null)]
    public void ReadBytes_VariousContent_ParsesOrGivesNull(string content, long? expected)
    {
        _tree.With("meminfo", content);

        MemInfo.ReadBytes("MemTotal", _tree.Root).ShouldBe(expected);
    }

    [Fact]
    public void ReadBytes_MissingFile_GivesNull() => MemInfo.ReadBytes("MemTotal", Path.Combine(_tree.Root, "nope")).ShouldBeNull();
}
