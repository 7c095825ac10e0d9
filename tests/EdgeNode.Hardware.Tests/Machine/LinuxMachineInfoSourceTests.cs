using EdgeNode.Hardware.Machine;
using Shouldly;

namespace EdgeNode.Hardware.Tests.Machine;

public sealed class LinuxMachineInfoSourceTests : IDisposable
{
    private readonly FixtureTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void Read_FullTree_ReadsEveryFact()
    {
        _tree.With("proc/meminfo", "MemTotal:        3884512 kB\nMemFree:  100 kB\n")
            .With("etc/machine-id", "0123456789abcdef0123456789abcdef\n")
            .With("sys/class/dmi/id/product_uuid", "4c4c4544-0037-3010-8031-b4c04f4e3732\n")
            .With("proc/sys/kernel/random/boot_id", "6a9e1c1d-4f0e-4b7f-9a0e-2f1c3d4e5f60\n")
            .With("proc/sys/kernel/osrelease", "6.1.0-rpi7-rpi-v8\n")
            .With("etc/os-release", "NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n");

        var info = new LinuxMachineInfoSource(_tree.Root, _tree.Root).Read();

        info.MemoryBytes.ShouldBe(3884512L * 1024);
        info.MachineId.ShouldBe("0123456789abcdef0123456789abcdef");
        info.SystemUuid.ShouldBe("4c4c4544-0037-3010-8031-b4c04f4e3732");
        info.BootId.ShouldBe("6a9e1c1d-4f0e-4b7f-9a0e-2f1c3d4e5f60");
        info.KernelVersion.ShouldBe("6.1.0-rpi7-rpi-v8");
        info.OsImage.ShouldBe("Debian GNU/Linux 12 (bookworm)");
        info.CpuCount.ShouldBe(Environment.ProcessorCount);
        info.EphemeralStorageBytes.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Read_BoardWithoutDmi_UsesTheDeviceTreeSerial()
    {
        _tree.With("proc/device-tree/serial-number", "10000000abcdef01\0");

        new LinuxMachineInfoSource(_tree.Root, _tree.Root).Read().SystemUuid.ShouldBe("10000000abcdef01");
    }

    [Fact]
    public void Read_EmptyTree_GivesEmptyValuesInsteadOfFailing()
    {
        var info = new LinuxMachineInfoSource(Path.Combine(_tree.Root, "missing"), _tree.Root).Read();

        info.MemoryBytes.ShouldBe(0);
        info.MachineId.ShouldBe("");
        info.BootId.ShouldBe("");
        info.OsImage.ShouldBe("Linux");
    }
}
