using System.Text;

namespace EdgeNode.Bench;

/// <summary>
/// The agent's manifest folder. A pod appears atomically: its manifest is written to a staging folder
/// next to it (same file system, not watched) and renamed in, so the agent sees one complete file.
/// </summary>
public sealed class ManifestFolder
{
    public const string Image = "docker.io/library/busybox:1.35";

    private readonly string folder;
    private readonly string staging;

    public ManifestFolder(string folder)
    {
        this.folder = Path.GetFullPath(folder);
        staging = Path.Combine(Path.GetDirectoryName(this.folder)!, Path.GetFileName(this.folder) + ".staging");
        Directory.CreateDirectory(this.folder);
        Directory.CreateDirectory(staging);
    }

    /// <summary>Writes a busybox pod with <paramref name="containers"/> containers running <c>sleep 100000</c>; returns when it was renamed in.</summary>
    public Instant AddPod(string name, int containers)
    {
        var temp = Path.Combine(staging, name + ".yaml");
        File.WriteAllText(temp, Manifest(name, containers));
        var renamedAt = Instant.Now();
        File.Move(temp, Path.Combine(folder, name + ".yaml"));
        return renamedAt;
    }

    public void RemoveAll()
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*.yaml"))
        {
            File.Delete(file);
        }
    }

    private static string Manifest(string name, int containers)
    {
        var yaml = new StringBuilder($"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: {name}
            spec:
              terminationGracePeriodSeconds: 1
              containers:

            """);
        for (var i = 1; i <= containers; i++)
        {
            yaml.Append($"""
                  - name: c{i}
                    image: {Image}
                    imagePullPolicy: IfNotPresent
                    command: ["sleep", "100000"]

                """);
        }
        return yaml.ToString();
    }
}
