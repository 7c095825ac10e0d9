namespace EdgeNode.Core.Engine;

/// <summary>The pod-level cgroups the agent owns (the runtime neither creates nor removes a cgroup parent).</summary>
public interface IPodCgroups
{
    /// <summary>The cgroup parent to give the sandbox (cgroupfs form, e.g. <c>/kubepods/burstable/pod&lt;uid&gt;</c>).</summary>
    string ParentFor(string podUid, QosClass qos);

    /// <summary>Removes the pod's cgroup in every hierarchy; missing ones are fine.</summary>
    void Remove(string podUid, QosClass qos);
}
