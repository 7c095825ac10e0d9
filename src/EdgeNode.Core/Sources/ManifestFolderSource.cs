using System.Threading.Channels;
using EdgeNode.Core.Manifests;
using EdgeNode.Core.Pods;
using Microsoft.Extensions.Logging;

namespace EdgeNode.Core.Sources;

/// <summary>
/// Static pods from a folder of manifests (kubelet: staticPodPath). Every scan yields the complete set of
/// pods plus one problem per thing wrong; bad input never throws. A file that produced pods and then
/// became invalid keeps its last valid pods in the snapshot until it is fixed or deleted.
/// </summary>
public sealed partial class ManifestFolderSource
{
    /// <summary>The kubelet's limit for one manifest file.</summary>
    private const long MaxFileBytes = 10 * 1024 * 1024;

    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    private readonly ManifestFolderOptions options;
    private readonly string root;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<ManifestFolderSource> logger;
    private readonly Lock gate = new();

    // What each file contributed to the last snapshot; the source of "last valid" pods and of ownership of a name.
    private Dictionary<string, List<ManifestCandidate>> published = new(StringComparer.Ordinal);
    private Dictionary<string, DateTimeOffset> firstSeen = new(StringComparer.Ordinal);
    private HashSet<string> loggedProblems = new(StringComparer.Ordinal);
    private bool watchFailed;

    public ManifestFolderSource(ManifestFolderOptions options, TimeProvider timeProvider, ILogger<ManifestFolderSource> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.NodeName);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.CheckFrequency, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Debounce, TimeSpan.Zero);
        this.options = options;
        root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Path));
        this.timeProvider = timeProvider;
        this.logger = logger;
    }

    /// <summary>Reads the folder now and returns the complete snapshot.</summary>
    public PodSourceSnapshot Scan()
    {
        lock (gate)
        {
            var problems = new List<ManifestProblem>();
            var files = ListFiles(problems);
            var snapshot = files is null ? KeepEverything(problems) : Resolve(files, problems);
            LogProblemChanges(snapshot.Problems);
            return snapshot;
        }
    }

    /// <summary>
    /// Publishes the first scan at once, then rescans after file changes (debounced) and every
    /// <see cref="ManifestFolderOptions.CheckFrequency"/>, publishing only snapshots that differ. Returns when
    /// <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async Task RunAsync(Func<PodSourceSnapshot, CancellationToken, Task> publish, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publish);
        var changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
        FileSystemWatcher? watcher = null;
        try
        {
            using var timer = new PeriodicTimer(options.CheckFrequency, timeProvider);
            watcher = Watch(changes.Writer);
            var last = Scan();
            await publish(last, cancellationToken).ConfigureAwait(false);
            Task<bool>? tick = null;
            Task<bool>? changed = null;
            while (true)
            {
                tick ??= timer.WaitForNextTickAsync(cancellationToken).AsTask();
                changed ??= changes.Reader.WaitToReadAsync(cancellationToken).AsTask();
                if (await Task.WhenAny(tick, changed).ConfigureAwait(false) == changed)
                {
                    changed = null;
                    await Task.Delay(options.Debounce, timeProvider, cancellationToken).ConfigureAwait(false);
                    while (changes.Reader.TryRead(out _))
                    {
                    }
                }
                else
                {
                    await tick.ConfigureAwait(false);
                    tick = null;
                    if (watcher is not null && !Directory.Exists(watcher.Path))
                    {
                        watcher.Dispose();
                        watcher = null;
                    }
                    watcher ??= Watch(changes.Writer);
                }
                var next = Scan();
                if (!next.Pods.Select(p => p.Uid).SequenceEqual(last.Pods.Select(p => p.Uid)) || !next.Problems.SequenceEqual(last.Problems))
                {
                    await publish(next, cancellationToken).ConfigureAwait(false);
                    last = next;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            watcher?.Dispose();
        }
    }

    /// <summary>The manifest files, sorted; null when the folder exists but cannot be listed.</summary>
    private List<string>? ListFiles(List<ManifestProblem> problems)
    {
        if (File.Exists(root))
        {
            return [root];
        }
        if (!Directory.Exists(root))
        {
            problems.Add(new ManifestProblem(root, null, null, $"{root}: the static pod folder does not exist: create it or fix --pod-manifest-path (staticPodPath)"));
            return [];
        }
        try
        {
            return Directory.EnumerateFiles(root)
                .Where(f => IsManifestName(Path.GetFileName(f)))
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new ManifestProblem(root, null, null, $"{root}: the static pod folder cannot be listed ({e.Message}): make it readable by the agent"));
            return null;
        }
    }

    private PodSourceSnapshot KeepEverything(List<ManifestProblem> problems)
    {
        var pods = published.Values.SelectMany(c => c).Select(c => c.Pod).ToList();
        return new PodSourceSnapshot(PodSourceNames.File, pods, problems);
    }

    private PodSourceSnapshot Resolve(List<string> files, List<ManifestProblem> problems)
    {
        var now = timeProvider.GetUtcNow();
        var offered = new List<ManifestCandidate>();
        var troubled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in files)
        {
            if (ReadFile(path, now) is not { } result)
            {
                continue;
            }
            offered.AddRange(result.Candidates);
            problems.AddRange(result.Problems);
            if (result.Problems.Count > 0)
            {
                troubled.Add(path);
                offered.AddRange(Retainable(path, result.Candidates));
            }
        }

        var owners = published.SelectMany(f => f.Value.Select(c => (c.Pod.FullName, File: f.Key))).ToDictionary(o => o.FullName, o => o.File, StringComparer.Ordinal);
        var byName = new Dictionary<string, ManifestCandidate>(StringComparer.Ordinal);
        var byUid = new Dictionary<string, ManifestCandidate>(StringComparer.Ordinal);
        var ordered = offered
            .OrderBy(c => owners.GetValueOrDefault(c.Pod.FullName) == c.Path ? 0 : 1)
            .ThenBy(c => c.Path, StringComparer.Ordinal)
            .ThenBy(c => c.Document);
        foreach (var candidate in ordered)
        {
            if (Conflict(candidate, byName, byUid) is { } conflict)
            {
                problems.Add(conflict);
                troubled.Add(candidate.Path);
                continue;
            }
            byName.Add(candidate.Pod.FullName, candidate);
            byUid.Add(candidate.Pod.Uid, candidate);
        }

        // Files whose problems showed up only now (a duplicate) keep their last valid pods too, where no one else took their place.
        foreach (var path in troubled)
        {
            foreach (var candidate in Retainable(path, byName.Values.Where(c => c.Path == path).ToList()))
            {
                if (!byName.ContainsKey(candidate.Pod.FullName) && !byUid.ContainsKey(candidate.Pod.Uid))
                {
                    byName.Add(candidate.Pod.FullName, candidate);
                    byUid.Add(candidate.Pod.Uid, candidate);
                }
            }
        }

        var winners = byName.Values.OrderBy(c => c.Path, StringComparer.Ordinal).ThenBy(c => c.Document).ToList();
        foreach (var retained in winners.Where(c => c.Retained))
        {
            problems.Add(new ManifestProblem(retained.Path, retained.Pod.Name, retained.Pod.Namespace,
                $"{retained.Path}: pod {retained.Pod.FullName} keeps running its last valid version until the problems in this file are fixed"));
        }
        published = winners.GroupBy(c => c.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(c => c with { Retained = false }).ToList(), StringComparer.Ordinal);
        firstSeen = winners.ToDictionary(c => c.Pod.Uid, c => firstSeen.GetValueOrDefault(c.Pod.Uid, now), StringComparer.Ordinal);
        return new PodSourceSnapshot(PodSourceNames.File, winners.Select(c => c.Pod).ToList(), problems.OrderBy(p => p.Path, StringComparer.Ordinal).ToList());
    }

    /// <summary>The pods <paramref name="path"/> published last time that its current version does not name.</summary>
    private IEnumerable<ManifestCandidate> Retainable(string path, IReadOnlyCollection<ManifestCandidate> current) =>
        published.GetValueOrDefault(path, [])
            .Where(old => current.All(c => c.Pod.FullName != old.Pod.FullName))
            .Select(old => old with { Retained = true });

    private static ManifestProblem? Conflict(ManifestCandidate candidate, Dictionary<string, ManifestCandidate> byName, Dictionary<string, ManifestCandidate> byUid)
    {
        var pod = candidate.Pod;
        var where = $"{candidate.Path}: document {candidate.Document}";
        if (byName.TryGetValue(pod.FullName, out var first))
        {
            return new ManifestProblem(candidate.Path, pod.Name, pod.Namespace,
                $"{where}: metadata.name \"{candidate.ManifestName}\" duplicates pod {pod.FullName} from {first.Path}: rename one of them");
        }
        if (byUid.TryGetValue(pod.Uid, out first))
        {
            return new ManifestProblem(candidate.Path, pod.Name, pod.Namespace,
                $"{where}: metadata.uid \"{pod.Uid}\" is already used by pod {first.Pod.FullName} from {first.Path}: remove metadata.uid or make it unique");
        }
        return null;
    }

    /// <summary>The file's pods (normalised) and problems; null when the file vanished since it was listed.</summary>
    private (List<ManifestCandidate> Candidates, IReadOnlyList<ManifestProblem> Problems)? ReadFile(string path, DateTimeOffset now)
    {
        string text;
        try
        {
            using var stream = File.OpenRead(path);
            if (stream.Length > MaxFileBytes)
            {
                return ([], [new ManifestProblem(path, null, null, $"{path}: the file is {stream.Length} bytes; manifests may be at most {MaxFileBytes} bytes: split it or remove what is not a manifest")]);
            }
            using var reader = new StreamReader(stream);
            text = reader.ReadToEnd();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new FileInfo(path).LinkTarget is { } target
                ? ([], [new ManifestProblem(path, null, null, $"{path}: the file is a symbolic link to {target}, which does not exist: fix or remove the link")])
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ([], [new ManifestProblem(path, null, null, $"{path}: the file cannot be read ({e.Message}): make it readable by the agent")]);
        }

        var read = PodManifestReader.Read(path, text, options.NodeName);
        if (read.Pods.Count == 0 && read.Problems.Count == 0)
        {
            return ([], [new ManifestProblem(path, null, null, $"{path}: the file contains no manifest: add a v1 Pod or delete the file")]);
        }
        var candidates = read.Pods
            .Select(p => new ManifestCandidate(
                path,
                p.Document,
                p.Pod.Metadata.Name ?? "",
                new DesiredPod(StaticPodNormalizer.Normalize(p.Pod, options.NodeName, path, uid => firstSeen.GetValueOrDefault(uid, now)), PodSourceNames.File, path),
                Retained: false))
            .ToList();
        return (candidates, read.Problems);
    }

    private FileSystemWatcher? Watch(ChannelWriter<bool> changes)
    {
        var single = File.Exists(root);
        var folder = single ? Path.GetDirectoryName(root)! : root;
        if (watchFailed || !Directory.Exists(folder))
        {
            return null;
        }
        var watcher = new FileSystemWatcher(folder)
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.Attributes,
            IncludeSubdirectories = false,
        };
        if (single)
        {
            watcher.Filter = Path.GetFileName(root);
        }
        void OnChange(object? sender, FileSystemEventArgs e)
        {
            if (single || IsManifestName(e.Name) || (e is RenamedEventArgs renamed && IsManifestName(renamed.OldName)))
            {
                changes.TryWrite(true);
            }
        }
        watcher.Created += OnChange;
        watcher.Changed += OnChange;
        watcher.Deleted += OnChange;
        watcher.Renamed += OnChange;
        watcher.Error += (_, _) => changes.TryWrite(true);
        try
        {
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException)
        {
            watcher.Dispose();
            watchFailed = true;
            LogWatchFailed(logger, folder, options.CheckFrequency, e.Message);
            return null;
        }
    }

    private static bool IsManifestName(string? name) =>
        name is not null && !name.StartsWith('.') && Extensions.Contains(Path.GetExtension(name), StringComparer.OrdinalIgnoreCase);

    private void LogProblemChanges(IReadOnlyList<ManifestProblem> problems)
    {
        var current = problems.Select(p => p.Message).ToHashSet(StringComparer.Ordinal);
        foreach (var message in current.Where(m => !loggedProblems.Contains(m)))
        {
            LogProblem(logger, message);
        }
        foreach (var message in loggedProblems.Where(m => !current.Contains(m)))
        {
            LogProblemResolved(logger, message);
        }
        loggedProblems = current;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Static pod manifest problem: {Problem}")]
    private static partial void LogProblem(ILogger logger, string problem);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Static pod manifest problem resolved: {Problem}")]
    private static partial void LogProblemResolved(ILogger logger, string problem);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Cannot watch {Folder} for changes, rescanning every {CheckFrequency} only: {Reason}")]
    private static partial void LogWatchFailed(ILogger logger, string folder, TimeSpan checkFrequency, string reason);
}
