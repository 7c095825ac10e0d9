namespace EdgeNode.Core.Sources;

/// <summary>Settings of <see cref="ManifestFolderSource"/> (kubelet: staticPodPath / --pod-manifest-path, fileCheckFrequency).</summary>
public sealed record ManifestFolderOptions
{
    /// <summary>A folder of manifests, or a single manifest file.</summary>
    public required string Path { get; init; }

    public required string NodeName { get; init; }

    /// <summary>How often the folder is re-read even without file-change events.</summary>
    public TimeSpan CheckFrequency { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How long to wait after a change event for more, so that one save causes one rescan.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(50);
}
