using System.Net.Sockets;
using System.Text;
using EdgeNode.Core.Pods;
using EdgeNode.IntegrationTests.Infrastructure;
using Shouldly;

namespace EdgeNode.IntegrationTests.Agent;

public sealed class SpecSupportTests : AgentTestBase
{
    [Fact]
    public async Task PodSpec_EnvUserVolumesAndLimits_ReachTheContainer()
    {
        var data = Path.Combine(Bed.Directory, "data");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "in.txt"), "from-the-host");
        Bed.WriteManifest("spec.yaml", Pod("spec", $$$"""
              containers:
                - name: app
                  image: docker.io/library/busybox:1.35
                  workingDir: /tmp
                  command: [sh, -c]
                  args:
                    - >-
                      echo "user=$(id -u) group=$(id -g)";
                      echo "greeting=$GREETING literal=$LITERAL arg=$(NAME)";
                      echo "cwd=$(pwd)";
                      touch /probe-root 2>/dev/null || echo readonly-root;
                      echo "host=$(cat /data/in.txt)";
                      echo scratch > /scratch/x && echo emptydir-ok;
                      echo ALL-DONE;
                      exec sleep 100000
                  env:
                    - {name: NAME, value: world}
                    - {name: GREETING, value: "hello $(NAME)"}
                    - {name: LITERAL, value: "$$(NAME)"}
                  securityContext: {runAsUser: 1000, runAsGroup: 3000, readOnlyRootFilesystem: true}
                  resources:
                    limits: {memory: 64Mi, cpu: 500m}
                  volumeMounts:
                    - {name: host, mountPath: /data, readOnly: true}
                    - {name: scratch, mountPath: /scratch}
              volumes:
                - {name: host, hostPath: {path: {{{data}}}, type: Directory}}
                - {name: scratch, emptyDir: {}}
            """));
        Bed.StartAgent();

        var pod = await Bed.WaitForPodAsync("spec", AgentTestBed.IsReady, Startup, "ready");

        var log = Path.Combine(Bed.PodLogs, $"default_{pod.Name}_{pod.Uid}", "app", "0.log");
        await Eventually.TrueAsync(() => File.Exists(log) && File.ReadAllText(log).Contains("ALL-DONE"), "the container printed everything");
        var output = string.Join('\n', File.ReadAllLines(log).Select(l => l.Split(' ', 4)[3]));
        output.ShouldContain("user=1000 group=3000");
        output.ShouldContain("greeting=hello world literal=$(NAME) arg=world");
        output.ShouldContain("cwd=/tmp");
        output.ShouldContain("readonly-root");
        output.ShouldContain("host=from-the-host");
        output.ShouldContain("emptydir-ok");
        pod.Status!.QosClass.ShouldBe("Guaranteed");

        var containerId = AgentTestBed.Container(pod, "app")!.ContainerID!.Split("://")[1];
        var memoryLimit = FindCgroupFile("memory", pod.Uid, containerId, "memory.limit_in_bytes", "memory.max");
        File.ReadAllText(memoryLimit).Trim().ShouldBe("67108864");
        var cpuQuota = FindCgroupFile("cpu", pod.Uid, containerId, "cpu.cfs_quota_us", "cpu.max");
        File.ReadAllText(cpuQuota).Trim().Split(' ')[0].ShouldBe("50000");
    }

    [Fact]
    public async Task HostNetworkPod_UsesTheNodeIpAndNotifiesSystemd()
    {
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        var notifyPath = Path.Combine(Bed.Directory, "notify.sock");
        notify.Bind(new UnixDomainSocketEndPoint(notifyPath));
        Bed.WriteManifest("host.yaml", Pod("host", """
              hostNetwork: true
              containers:
                - {name: app, image: docker.io/library/busybox:1.35, command: [sleep, "100000"]}
            """));
        Bed.StartAgent(new Dictionary<string, string> { ["NOTIFY_SOCKET"] = notifyPath }, "--node-ip", "127.0.0.1");

        var pod = await Bed.WaitForPodAsync("host", AgentTestBed.IsReady, Startup, "ready");

        pod.Status!.PodIP.ShouldBe("127.0.0.1");
        pod.Status.HostIP.ShouldBe("127.0.0.1");
        var buffer = new byte[256];
        notify.ReceiveTimeout = 5000;
        Encoding.UTF8.GetString(buffer, 0, notify.Receive(buffer)).ShouldBe("READY=1");
    }

    /// <summary>The container's cgroup file in whichever hierarchy (cgroup v1 controller or v2) holds it.</summary>
    private static string FindCgroupFile(string controller, string podUid, string containerId, string v1File, string v2File)
    {
        var candidates = new[] { $"/sys/fs/cgroup/{controller}", "/sys/fs/cgroup/cpu,cpuacct", "/sys/fs/cgroup/unified", "/sys/fs/cgroup" };
        foreach (var root in candidates.Where(Directory.Exists))
        {
            var podDirectory = Directory.EnumerateDirectories(root, $"pod{podUid}", SearchOption.AllDirectories).FirstOrDefault();
            if (podDirectory is null)
            {
                continue;
            }
            foreach (var file in new[] { v1File, v2File })
            {
                var path = Path.Combine(podDirectory, containerId, file);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }
        throw new Xunit.Sdk.XunitException($"no {v1File} or {v2File} for container {containerId} of pod {podUid}");
    }
}
