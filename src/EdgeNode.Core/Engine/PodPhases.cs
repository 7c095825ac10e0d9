namespace EdgeNode.Core.Engine;

public static class PodPhases
{
    public const string Pending = "Pending";
    public const string Running = "Running";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Unknown = "Unknown";

    public static bool IsTerminal(string? phase) => phase is Succeeded or Failed;
}
