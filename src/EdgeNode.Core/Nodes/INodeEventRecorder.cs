namespace EdgeNode.Core.Nodes;

/// <summary>Records events about the Node object (NodeReady, Rebooted, RegisteredNode …).</summary>
public interface INodeEventRecorder
{
    void Record(NodeEvent nodeEvent);
}
