namespace EdgeNode.Core.Engine;

public enum HostFileType
{
    Missing,
    Directory,
    File,
    Socket,
    CharDevice,
    BlockDevice,
    Other,
}
