using EdgeNode.Core.Api;
using EdgeNode.Core.Pods;

namespace EdgeNode.Core.Engine;

/// <summary>
/// A pod's files on the node, in the kubelet's layout under the root directory:
/// <c>pods/&lt;uid&gt;/volumes/kubernetes.io~empty-dir/&lt;name&gt;</c>, <c>pods/&lt;uid&gt;/etc-hosts</c> and
/// <c>pods/&lt;uid&gt;/containers/&lt;name&gt;/&lt;restart&gt;</c> (termination-message files).
/// </summary>
public sealed class PodVolumes(string rootDirectory, IHostFileSystem hostFileSystem, IVolumeContentApi? contentApi = null)
{
    private const string EmptyDirPlugin = "kubernetes.io~empty-dir";
    private const string SecretPlugin = "kubernetes.io~secret";
    private const string ConfigMapPlugin = "kubernetes.io~configmap";
    private const int DefaultFileMode = 0b110_100_100; // 0644, the API default

    public string PodDirectory(string uid) => Path.Combine(rootDirectory, "pods", uid);

    /// <summary>Creates or checks every volume of the pod and returns its host path by volume name.</summary>
    public IReadOnlyDictionary<string, string> Prepare(DesiredPod pod)
    {
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var volume in pod.Pod.Spec.Volumes ?? [])
        {
            paths[volume.Name!] = volume switch
            {
                { EmptyDir: { } emptyDir } => PrepareEmptyDir(pod.Uid, volume.Name!, emptyDir),
                { HostPath: { } hostPath } => PrepareHostPath(volume.Name!, hostPath),
                { Secret: not null } or { ConfigMap: not null } => MaterializedPath(pod.Uid, volume),
                _ => throw new VolumeException($"volume \"{volume.Name}\" has no source: give it emptyDir or hostPath"),
            };
        }
        return paths;
    }

    /// <summary>
    /// Fetches the contents of the pod's secret and configMap volumes from the API server and writes them
    /// (secrets into a tmpfs, so they never reach the flash). When the API server cannot be reached,
    /// contents written earlier are kept: a running pod keeps its volumes through an outage.
    /// </summary>
    public async Task MaterializeAsync(DesiredPod pod, CancellationToken cancellationToken)
    {
        foreach (var volume in pod.Pod.Spec.Volumes ?? [])
        {
            var (optional, items, defaultMode, what) = volume switch
            {
                { Secret: { } s } => (s.Optional == true, s.Items, s.DefaultMode, $"secret \"{s.SecretName}\""),
                { ConfigMap: { } c } => (c.Optional == true, c.Items, c.DefaultMode, $"configMap \"{c.Name}\""),
                _ => (false, null, null, ""),
            };
            if (what.Length == 0)
            {
                continue;
            }
            var path = MaterializedPath(pod.Uid, volume);
            if (contentApi is null)
            {
                throw new VolumeException($"volume \"{volume.Name}\" uses a {what}, which needs an API server: run EdgeNode with --kubeconfig or use emptyDir/hostPath volumes");
            }
            IReadOnlyDictionary<string, byte[]>? data;
            try
            {
                data = volume.Secret is { } secret
                    ? await contentApi.GetSecretAsync(pod.Namespace, secret.SecretName!, cancellationToken)
                    : await contentApi.GetConfigMapAsync(pod.Namespace, volume.ConfigMap!.Name!, cancellationToken);
            }
            catch (ApiException e) when (e.Kind == ApiErrorKind.Unreachable && Directory.Exists(path))
            {
                continue;
            }
            catch (ApiException e)
            {
                throw new VolumeException($"volume \"{volume.Name}\": cannot read {what} from the API server: {e.Message}", e);
            }
            if (data is null && !optional)
            {
                throw new VolumeException($"volume \"{volume.Name}\": {what} not found in namespace {pod.Namespace}: create it, or mark the volume optional");
            }
            WriteFiles(path, volume.Secret is not null, data ?? new Dictionary<string, byte[]>(), items, defaultMode ?? DefaultFileMode);
        }
    }

    /// <summary>Writes the pod's /etc/hosts (localhost entries and the pod's own name) and returns its path.</summary>
    public string WriteEtcHosts(DesiredPod pod, string podIp)
    {
        var hostname = pod.Pod.Spec.Hostname ?? pod.Name;
        var lines = "# Kubernetes-managed hosts file (EdgeNode).\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n" +
            "fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n" +
            (string.IsNullOrEmpty(podIp) ? "" : $"{podIp}\t{hostname}\n");
        var path = Path.Combine(PodDirectory(pod.Uid), "etc-hosts");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!File.Exists(path) || File.ReadAllText(path) != lines)
        {
            File.WriteAllText(path, lines);
        }
        return path;
    }

    /// <summary>Creates the empty file a container instance writes its termination message into.</summary>
    public string TerminationMessageFile(string uid, string containerName, int restartCount)
    {
        var path = Path.Combine(PodDirectory(uid), "containers", containerName, restartCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, []);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);
        return path;
    }

    /// <summary>Unmounts memory volumes and deletes everything the pod had on the node.</summary>
    public void Cleanup(string uid)
    {
        var podDirectory = PodDirectory(uid);
        foreach (var plugin in new[] { EmptyDirPlugin, SecretPlugin })
        {
            var dirs = Path.Combine(podDirectory, "volumes", plugin);
            if (Directory.Exists(dirs))
            {
                foreach (var dir in Directory.GetDirectories(dirs))
                {
                    hostFileSystem.Unmount(dir);
                }
            }
        }
        if (Directory.Exists(podDirectory))
        {
            Directory.Delete(podDirectory, recursive: true);
        }
    }

    private string MaterializedPath(string uid, Volume volume) =>
        Path.Combine(PodDirectory(uid), "volumes", volume.Secret is not null ? SecretPlugin : ConfigMapPlugin, volume.Name!);

    private void WriteFiles(string path, bool secret, IReadOnlyDictionary<string, byte[]> data, List<KeyToPath>? items, int mode)
    {
        if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path);
            if (secret)
            {
                hostFileSystem.MountTmpfs(path, null);
            }
        }
        var wanted = items is { Count: > 0 }
            ? items.Where(i => data.ContainsKey(i.Key!)).Select(i => (Key: i.Key!, File: i.Path!, Mode: i.Mode ?? mode))
            : data.Keys.Select(k => (Key: k, File: k, Mode: mode));
        foreach (var (key, file, fileMode) in wanted)
        {
            var target = Path.Combine(path, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (!File.Exists(target) || !File.ReadAllBytes(target).AsSpan().SequenceEqual(data[key]))
            {
                File.WriteAllBytes(target, data[key]);
            }
            File.SetUnixFileMode(target, (UnixFileMode)fileMode);
        }
    }

    private string PrepareEmptyDir(string uid, string name, EmptyDirVolumeSource source)
    {
        var path = Path.Combine(PodDirectory(uid), "volumes", EmptyDirPlugin, name);
        var existed = Directory.Exists(path);
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, (UnixFileMode)0b111_111_111); // 0777 like the kubelet: any container user may write
        if (source.Medium == "Memory" && !existed)
        {
            hostFileSystem.MountTmpfs(path, source.SizeLimit?.WholeValue);
        }
        return path;
    }

    private string PrepareHostPath(string name, HostPathVolumeSource source)
    {
        var path = source.Path!;
        var type = source.Type ?? "";
        var actual = hostFileSystem.GetFileType(path);
        switch (type)
        {
            case "DirectoryOrCreate" when actual == HostFileType.Missing:
                Directory.CreateDirectory(path);
                return path;
            case "FileOrCreate" when actual == HostFileType.Missing:
                if (!Directory.Exists(Path.GetDirectoryName(path)))
                {
                    throw new VolumeException($"hostPath volume \"{name}\": cannot create file {path} because its directory does not exist: create the directory or use type DirectoryOrCreate for it");
                }
                File.WriteAllBytes(path, []);
                return path;
            case "DirectoryOrCreate" or "Directory":
                return Expect(name, path, type, actual, HostFileType.Directory, "a directory");
            case "FileOrCreate" or "File":
                return Expect(name, path, type, actual, HostFileType.File, "a file");
            case "Socket":
                return Expect(name, path, type, actual, HostFileType.Socket, "a unix socket");
            case "CharDevice":
                return Expect(name, path, type, actual, HostFileType.CharDevice, "a character device");
            case "BlockDevice":
                return Expect(name, path, type, actual, HostFileType.BlockDevice, "a block device");
            default:
                return path;
        }
    }

    private static string Expect(string name, string path, string type, HostFileType actual, HostFileType expected, string what)
    {
        if (actual == expected)
        {
            return path;
        }
        var found = actual == HostFileType.Missing ? "nothing exists there" : $"it is a {actual}";
        throw new VolumeException($"hostPath volume \"{name}\" of type {type} needs {what} at {path}, but {found}: create it or change the volume's type");
    }
}
