using EdgeNode.Core.Engine;

namespace EdgeNode.Hardware.Cgroups;

/// <summary>
/// Pod cgroups with the cgroupfs driver, in the kubelet's layout: <c>/kubepods/pod&lt;uid&gt;</c> for
/// Guaranteed pods, <c>/kubepods/burstable|besteffort/pod&lt;uid&gt;</c> otherwise. runc creates the path
/// when the first container starts; removing it is the agent's job, in every mounted hierarchy
/// (cgroup v1 controllers, the unified v2 tree, or both in hybrid mode).
/// </summary>
public sealed class CgroupfsPodCgroups(string cgroupRoot = "/sys/fs/cgroup", string parent = "/kubepods") : IPodCgroups
{
    public string ParentFor(string podUid, QosClass qos) => qos switch
    {
        QosClass.Guaranteed => $"{parent}/pod{podUid}",
        QosClass.Burstable => $"{parent}/burstable/pod{podUid}",
        _ => $"{parent}/besteffort/pod{podUid}",
    };

    public void Remove(string podUid, QosClass qos)
    {
        var relative = ParentFor(podUid, qos).TrimStart('/');
        foreach (var hierarchy in Hierarchies())
        {
            RemoveTree(Path.Combine(hierarchy, relative));
        }
    }

    private IEnumerable<string> Hierarchies()
    {
        if (!Directory.Exists(cgroupRoot))
        {
            yield break;
        }
        if (File.Exists(Path.Combine(cgroupRoot, "cgroup.controllers")))
        {
            yield return cgroupRoot; // pure cgroup v2
            yield break;
        }
        foreach (var dir in Directory.EnumerateDirectories(cgroupRoot))
        {
            yield return dir; // v1 controllers and the hybrid "unified" tree
        }
    }

    // Cgroup directories are removed with rmdir, deepest first; their files cannot be deleted.
    private static void RemoveTree(string path)
    {
        if (!Directory.Exists(path))
        {
            return;
        }
        foreach (var child in Directory.EnumerateDirectories(path))
        {
            RemoveTree(child);
        }
        try
        {
            Directory.Delete(path, recursive: false);
        }
        catch (IOException)
        {
            // Still has processes (a container not yet reaped); the next removal attempt gets it.
        }
    }
}
