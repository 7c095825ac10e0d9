namespace EdgeNode.Core.Pods;

public sealed record EnvVarSource
{
    public ObjectFieldSelector? FieldRef { get; init; }
    public ResourceFieldSelector? ResourceFieldRef { get; init; }
}
