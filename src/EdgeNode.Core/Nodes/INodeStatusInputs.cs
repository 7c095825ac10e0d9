namespace EdgeNode.Core.Nodes;

/// <summary>Gathers what a node-status computation needs (machine, runtime, images, pressure).</summary>
public interface INodeStatusInputs
{
    Task<NodeStatusContext> GatherAsync(IReadOnlyList<NodeCondition> previousConditions, CancellationToken cancellationToken);
}
