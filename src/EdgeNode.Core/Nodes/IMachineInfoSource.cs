namespace EdgeNode.Core.Nodes;

public interface IMachineInfoSource
{
    MachineInfo Read();
}
