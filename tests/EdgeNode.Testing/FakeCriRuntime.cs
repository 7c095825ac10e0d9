using System.Globalization;
using EdgeNode.Core.Runtime;

namespace EdgeNode.Testing;

/// <summary>
/// An in-memory CRI runtime that behaves like containerd where EdgeNode depends on it:
/// <list type="bullet">
/// <item>sandboxes get IDs, an IP (none for host network), labels/annotations from their spec, and READY state;</item>
/// <item>containers are created in a sandbox (CREATED), started (RUNNING), stopped (EXITED with <see cref="StopExitCode"/>);
/// a failed start leaves them EXITED with reason StartError and exit code 128, as containerd does;</item>
/// <item>stopping a sandbox stops its containers, removing it removes them; stopping or removing something missing is not an error;</item>
/// <item>every time comes from the injected <see cref="TimeProvider"/>; exit codes are set by the test with <see cref="ExitContainer"/>;</item>
/// <item>pulls succeed (adding the image) unless a failure is injected.</item>
/// </list>
/// Every interface call is recorded in <see cref="Calls"/>; <see cref="FailNext"/> and <see cref="FailWhen"/> inject failures.
/// Methods complete synchronously. Thread-safe.
/// </summary>
public sealed class FakeCriRuntime(TimeProvider time, ProgressSignal? progress = null) : ICriRuntime
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, FakeSandbox> _sandboxes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeContainer> _containers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ImageInfo> _images = new(StringComparer.Ordinal);
    private readonly List<CriCall> _calls = [];
    private readonly Dictionary<string, Queue<Exception>> _failures = new(StringComparer.Ordinal);
    private int _nextId;
    private int _nextIp = 2;

    public string Endpoint { get; set; } = "unix:///run/fake-containerd.sock";
    public RuntimeVersion Version { get; set; } = new("containerd", "2.0.0", "v1");
    public RuntimeHealth Health { get; set; } = new(true, true, "");

    /// <summary>The exit code a container gets when it is stopped (SIGKILL: 137).</summary>
    public int StopExitCode { get; set; } = 137;

    /// <summary>Consulted on every call after <see cref="FailNext"/>; a non-null exception is thrown.</summary>
    public Func<CriCall, Exception?>? FailWhen { get; set; }

    /// <summary>Answers ExecSync; by default exit 0 with no output.</summary>
    public Func<string, IReadOnlyList<string>, ExecResult> Exec { get; set; } = (_, _) => new ExecResult(0, "", "");

    public IReadOnlyList<CriCall> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    public IReadOnlyList<FakeSandbox> Sandboxes
    {
        get
        {
            lock (_lock)
            {
                return _sandboxes.Values.OrderBy(s => s.Info.CreatedAt).ThenBy(s => s.Info.Attempt).ToList();
            }
        }
    }

    /// <summary>All containers in creation order.</summary>
    public IReadOnlyList<FakeContainer> Containers
    {
        get
        {
            lock (_lock)
            {
                return _containers.Values.OrderBy(c => IdNumber(c.Id)).ToList();
            }
        }
    }

    public IReadOnlyList<CriCall> CallsTo(string method) => Calls.Where(c => c.Method == method).ToList();

    public int CountCalls(string method) => Calls.Count(c => c.Method == method);

    /// <summary>The containers created with this name, oldest first.</summary>
    public IReadOnlyList<FakeContainer> ContainersNamed(string name) => Containers.Where(c => c.Name == name).ToList();

    /// <summary>The newest container with this name.</summary>
    public FakeContainer? Latest(string name) => ContainersNamed(name).LastOrDefault();

    public FakeContainer Container(string id)
    {
        lock (_lock)
        {
            return _containers[id];
        }
    }

    /// <summary>The next call to <paramref name="method"/> throws <paramref name="exception"/> (queued, once each).</summary>
    public void FailNext(string method, Exception exception)
    {
        lock (_lock)
        {
            if (!_failures.TryGetValue(method, out var queue))
            {
                _failures[method] = queue = new Queue<Exception>();
            }
            queue.Enqueue(exception);
        }
    }

    public void ClearCalls()
    {
        lock (_lock)
        {
            _calls.Clear();
        }
    }

    public void AddImage(string image, string? id = null, long? uid = null, string username = "")
    {
        lock (_lock)
        {
            _images[image] = new ImageInfo
            {
                Id = id ?? ImageId(image),
                RepoTags = [image],
                Uid = uid,
                Username = username,
            };
        }
    }

    public bool HasImage(string image)
    {
        lock (_lock)
        {
            return _images.ContainsKey(image);
        }
    }

    /// <summary>The container's process ends with <paramref name="exitCode"/> (reason Completed/Error unless given).</summary>
    public void ExitContainer(string id, int exitCode, string? reason = null, string message = "")
    {
        lock (_lock)
        {
            var c = _containers[id];
            _containers[id] = c with
            {
                Status = c.Status with
                {
                    State = ContainerRunState.Exited,
                    ExitCode = exitCode,
                    FinishedAt = time.GetUtcNow(),
                    Reason = reason ?? (exitCode == 0 ? "Completed" : "Error"),
                    Message = message,
                },
            };
        }
    }

    public void SetContainerState(string id, ContainerRunState state)
    {
        lock (_lock)
        {
            var c = _containers[id];
            _containers[id] = c with { Status = c.Status with { State = state } };
        }
    }

    /// <summary>The sandbox's state changes behind EdgeNode's back (e.g. the pause process died).</summary>
    public void SetSandboxState(string id, SandboxState state)
    {
        lock (_lock)
        {
            var s = _sandboxes[id];
            _sandboxes[id] = s with { Info = s.Info with { State = state } };
        }
    }

    /// <summary>Arranges a sandbox that already exists (e.g. created by an earlier agent run); not recorded as a call.</summary>
    public string AddSandbox(SandboxSpec spec, SandboxState state = SandboxState.Ready)
    {
        lock (_lock)
        {
            var id = CreateSandboxLocked(spec);
            if (state != SandboxState.Ready)
            {
                var s = _sandboxes[id];
                _sandboxes[id] = s with { Info = s.Info with { State = state } };
            }
            return id;
        }
    }

    /// <summary>Arranges a container that already exists; not recorded as a call.</summary>
    public string AddContainer(string sandboxId, ContainerSpec spec, ContainerRunState state = ContainerRunState.Running, int exitCode = 0)
    {
        lock (_lock)
        {
            var id = CreateContainerLocked(sandboxId, spec);
            var c = _containers[id];
            var now = time.GetUtcNow();
            _containers[id] = c with
            {
                Status = c.Status with
                {
                    State = state,
                    StartedAt = state is ContainerRunState.Running or ContainerRunState.Exited ? now : null,
                    FinishedAt = state == ContainerRunState.Exited ? now : null,
                    ExitCode = exitCode,
                    Reason = state == ContainerRunState.Exited ? (exitCode == 0 ? "Completed" : "Error") : "",
                },
            };
            return id;
        }
    }

    // ---- IPodSandboxRuntime ----

    public Task<string> RunPodSandboxAsync(SandboxSpec spec, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Enter(nameof(RunPodSandboxAsync), spec.Name, cancellationToken: cancellationToken);
            return Task.FromResult(CreateSandboxLocked(spec));
        }
    }

    public Task StopPodSandboxAsync(string sandboxId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Enter(nameof(StopPodSandboxAsync), sandboxId, cancellationToken: cancellationToken);
            if (_sandboxes.TryGetValue(sandboxId, out var s))
            {
                foreach (var c in _containers.Values.Where(c => c.SandboxId == sandboxId).ToList())
                {
                    StopLocked(c.Id);
                }
                _sandboxes[sandboxId] = s with { Info = s.Info with { State = SandboxState.NotReady } };
            }
            return Task.CompletedTask;
        }
    }

    public Task RemovePodSandboxAsync(string sandboxId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Enter(nameof(RemovePodSandboxAsync), sandboxId, cancellationToken: cancellationToken);
            foreach (var c in _containers.Values.Where(c => c.SandboxId == sandboxId).ToList())
            {
                _containers.Remove(c.Id);
            }
            _sandboxes.Remove(sandboxId);
            return Task.CompletedTask;
        }
    }

    public Task<SandboxStatusInfo?> PodSandboxStatusAsync(string sandboxId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Enter(nameof(PodSandboxStatusAsync), sandboxId, cancellationToken: cancellationToken);
            return Task.FromResult(_sandboxes.TryGetValue(sandboxId, out var s)
                ? new SandboxStatusInfo { Sandbox = s.Info, Ip = s.Ip, NetworkMode = s.Spec.Namespaces.Network }
                : null);
        }
    }

    public Task<IReadOnlyList<SandboxInfo>> ListPodSandboxesAsync(IReadOnlyDictionary<string, string>? labelSelector, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Enter(nameof(ListPodSandboxesAsync), "", cancellationToken: cancellationToken);
            IReadOnlyList<SandboxInfo> list = _sandboxes.Values.Where(s => Matches(s.Info.Labels, labelSelector)).Select(s => s.Info).ToList();
            return Task.FromResult(list);
        }
    }

    // ---- IContainerRuntime ----

    public Task<string> CreateContainerAsync(string sandboxId, ContainerSpec spec, SandboxSpec sandbox, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Enter(nameof(CreateContainerAsync), spec.Name, cancellationToken: cancellationToken);
            if (!_sandboxes.ContainsKey(sandboxId))
            {
                throw new RuntimeException(RuntimeErrorKind.NotFound, $"sandbox {sandboxId} not found");
            }
            return Task.FromResult(CreateContainerLocked(sandboxId, spec));
        }
    }

    public Task StartContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            try
            {
                Enter(nameof(StartContainerAsync), containerId, cancellationToken: cancellationToken);
            }
            catch (RuntimeException e) when (_containers.TryGetValue(containerId, out var failed))
            {
                // containerd marks a container whose start failed as exited with StartError.
                var now = time.GetUtcNow();
                _containers[containerId] = failed with
                {
                    Status = failed.Status with
                    {
                        State = ContainerRunState.Exited, ExitCode = 128, Reason = "StartError", Message = e.Message,
                        StartedAt = now, FinishedAt = now,
                    },
                };
                throw;
            }
            if (!_containers.TryGetValue(containerId, out var c))
            {
                throw new RuntimeException(RuntimeErrorKind.NotFound, $"container {containerId} not found");
            }
            if (c.State != ContainerRunState.Created)
            {
                throw new RuntimeException(RuntimeErrorKind.Rejected, $"container {containerId} is in state {c.State}, not CREATED");
            }
            _containers[containerId] = c with { Status = c.Status with { State = ContainerRunState.Running, StartedAt = time.GetUtcNow() } };
            return Task.CompletedTask;
        }
    }

    public Task StopContainerAsync(string containerId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Enter(nameof(StopContainerAsync), containerId, timeout, cancellationToken);
            StopLocked(containerId);
            return Task.CompletedTask;
        }
    }

    public Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Enter(nameof(RemoveContainerAsync), containerId, cancellationToken: cancellationToken);
            _containers.Remove(containerId);
            return Task.CompletedTask;
        }
    }

    public Task<ExecResult> ExecSyncAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Enter(nameof(ExecSyncAsync), containerId, timeout, cancellationToken);
        }
        return Task.FromResult(Exec(containerId, command));
    }

    // ---- IContainerStatusReader ----

    public Task<IReadOnlyList<ContainerInfo>> ListContainersAsync(IReadOnlyDictionary<string, string>? labelSelector, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Enter(nameof(ListContainersAsync), "", cancellationToken: cancellationToken);
            IReadOnlyList<ContainerInfo> list = _containers.Values
                .Where(c => Matches(c.Status.Labels, labelSelector))
                .OrderBy(c => IdNumber(c.Id))
                .Select(c => new ContainerInfo
                {
                    Id = c.Id,
                    SandboxId = c.SandboxId,
                    Name = c.Name,
                    Attempt = c.Status.Attempt,
                    Image = c.Status.Image,
                    ImageRef = c.Status.ImageRef,
                    State = c.State,
                    CreatedAt = c.Status.CreatedAt,
                    Labels = c.Status.Labels,
                    Annotations = c.Status.Annotations,
                })
                .ToList();
            return Task.FromResult(list);
        }
    }

    public Task<ContainerStatusInfo?> ContainerStatusAsync(string containerId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Enter(nameof(ContainerStatusAsync), containerId, cancellationToken: cancellationToken);
            return Task.FromResult(_containers.TryGetValue(containerId, out var c) ? c.Status : null);
        }
    }

    // ---- IImageService ----

    public Task<ImageInfo?> ImageStatusAsync(string image, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Enter(nameof(ImageStatusAsync), image, cancellationToken: cancellationToken);
            return Task.FromResult(_images.GetValueOrDefault(image));
        }
    }

    public Task<string> PullImageAsync(string image, SandboxSpec? sandbox, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Enter(nameof(PullImageAsync), image, cancellationToken: cancellationToken);
            if (!_images.TryGetValue(image, out var info))
            {
                info = new ImageInfo { Id = ImageId(image), RepoTags = [image] };
                _images[image] = info;
            }
            return Task.FromResult(info.Id);
        }
    }

    public Task<IReadOnlyList<ImageInfo>> ListImagesAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Enter(nameof(ListImagesAsync), "", cancellationToken: cancellationToken);
            IReadOnlyList<ImageInfo> list = _images.Values.Distinct().ToList();
            return Task.FromResult(list);
        }
    }

    public Task RemoveImageAsync(string image, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Enter(nameof(RemoveImageAsync), image, cancellationToken: cancellationToken);
            foreach (var key in _images.Where(i => i.Key == image || i.Value.Id == image).Select(i => i.Key).ToList())
            {
                _images.Remove(key);
            }
            return Task.CompletedTask;
        }
    }

    // ---- IRuntimeInfo ----

    public Task<RuntimeVersion> VersionAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Enter(nameof(VersionAsync), "", cancellationToken: cancellationToken);
            return Task.FromResult(Version);
        }
    }

    public Task<RuntimeHealth> StatusAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Enter(nameof(StatusAsync), "", cancellationToken: cancellationToken);
            return Task.FromResult(Health);
        }
    }

    // ---- internals (called with the lock held) ----

    private void Enter(string method, string target, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var call = new CriCall(method, target, timeout);
        _calls.Add(call);
        progress?.Pulse();
        if (_failures.TryGetValue(method, out var queue) && queue.TryDequeue(out var queued))
        {
            throw queued;
        }
        if (FailWhen?.Invoke(call) is { } failure)
        {
            throw failure;
        }
    }

    private string CreateSandboxLocked(SandboxSpec spec)
    {
        var id = NewId("sb");
        var hostNetwork = spec.Namespaces.Network == NamespaceMode.Node;
        var info = new SandboxInfo
        {
            Id = id,
            Name = spec.Name,
            Namespace = spec.Namespace,
            Uid = spec.Uid,
            Attempt = spec.Attempt,
            State = SandboxState.Ready,
            CreatedAt = time.GetUtcNow(),
            Labels = new Dictionary<string, string>(spec.Labels, StringComparer.Ordinal),
            Annotations = new Dictionary<string, string>(spec.Annotations, StringComparer.Ordinal),
        };
        var ip = hostNetwork ? "" : $"10.88.0.{_nextIp++}";
        _sandboxes[id] = new FakeSandbox(spec, info, ip);
        return id;
    }

    private string CreateContainerLocked(string sandboxId, ContainerSpec spec)
    {
        var id = NewId("ctr");
        var sandbox = _sandboxes[sandboxId];
        var status = new ContainerStatusInfo
        {
            Id = id,
            Name = spec.Name,
            Attempt = spec.Attempt,
            State = ContainerRunState.Created,
            CreatedAt = time.GetUtcNow(),
            Image = spec.Image,
            ImageRef = spec.Image,
            Labels = new Dictionary<string, string>(spec.Labels, StringComparer.Ordinal),
            Annotations = new Dictionary<string, string>(spec.Annotations, StringComparer.Ordinal),
            LogPath = string.IsNullOrEmpty(spec.LogPath) ? "" : Path.Combine(sandbox.Spec.LogDirectory, spec.LogPath),
        };
        _containers[id] = new FakeContainer(sandboxId, spec, status);
        return id;
    }

    private void StopLocked(string containerId)
    {
        if (!_containers.TryGetValue(containerId, out var c) || c.State == ContainerRunState.Exited)
        {
            return;
        }
        _containers[containerId] = c with
        {
            Status = c.Status with
            {
                State = ContainerRunState.Exited,
                ExitCode = StopExitCode,
                Reason = StopExitCode == 0 ? "Completed" : "Error",
                FinishedAt = time.GetUtcNow(),
            },
        };
    }

    private string NewId(string prefix) => $"{prefix}-{++_nextId:D4}";

    private static int IdNumber(string id) => int.Parse(id[(id.LastIndexOf('-') + 1)..], CultureInfo.InvariantCulture);

    private static string ImageId(string image) => "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(image)));

    private static bool Matches(IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string>? selector) =>
        selector is null || selector.All(s => labels.TryGetValue(s.Key, out var v) && v == s.Value);
}
