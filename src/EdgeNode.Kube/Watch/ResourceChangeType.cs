namespace EdgeNode.Kube.Watch;

public enum ResourceChangeType
{
    Added,
    Modified,
    Deleted,
}
