using EdgeNode.Core.Runtime;

namespace EdgeNode.Cri.Mapping;

internal static class ContainerMapper
{
    public static V1.ContainerConfig ToConfig(ContainerSpec spec)
    {
        var config = new V1.ContainerConfig
        {
            Metadata = new V1.ContainerMetadata { Name = spec.Name, Attempt = spec.Attempt },
            Image = new V1.ImageSpec { Image = spec.Image, UserSpecifiedImage = spec.UserSpecifiedImage },
            Command = { spec.Command },
            Args = { spec.Args },
            WorkingDir = spec.WorkingDir,
            Envs = { spec.Env.Select(env => new V1.KeyValue { Key = env.Key, Value = env.Value }) },
            Mounts = { spec.Mounts.Select(ToMount) },
            LogPath = spec.LogPath,
            Stdin = spec.Stdin,
            StdinOnce = spec.StdinOnce,
            Tty = spec.Tty,
            Linux = new V1.LinuxContainerConfig
            {
                Resources = ToResources(spec.Resources),
                SecurityContext = ToSecurityContext(spec.Security),
            },
        };
        CommonMapper.CopyInto(config.Labels, spec.Labels);
        CommonMapper.CopyInto(config.Annotations, spec.Annotations);
        return config;
    }

    public static V1.ContainerFilter? ToFilter(IReadOnlyDictionary<string, string>? labelSelector)
    {
        if (labelSelector is null || labelSelector.Count == 0)
        {
            return null;
        }

        var filter = new V1.ContainerFilter();
        CommonMapper.CopyInto(filter.LabelSelector, labelSelector);
        return filter;
    }

    public static ContainerInfo ToInfo(V1.Container container) => new()
    {
        Id = container.Id,
        SandboxId = container.PodSandboxId,
        Name = container.Metadata?.Name ?? "",
        Attempt = container.Metadata?.Attempt ?? 0,
        Image = container.Image?.Image ?? "",
        ImageRef = container.ImageRef,
        State = ToDomain(container.State),
        CreatedAt = CommonMapper.FromUnixNanos(container.CreatedAt),
        Labels = CommonMapper.ToDictionary(container.Labels),
        Annotations = CommonMapper.ToDictionary(container.Annotations),
    };

    public static ContainerStatusInfo ToStatusInfo(V1.ContainerStatus status) => new()
    {
        Id = status.Id,
        Name = status.Metadata?.Name ?? "",
        Attempt = status.Metadata?.Attempt ?? 0,
        State = ToDomain(status.State),
        CreatedAt = CommonMapper.FromUnixNanos(status.CreatedAt),
        StartedAt = CommonMapper.FromUnixNanosOrNull(status.StartedAt),
        FinishedAt = CommonMapper.FromUnixNanosOrNull(status.FinishedAt),
        ExitCode = status.ExitCode,
        Image = status.Image?.Image ?? "",
        ImageRef = status.ImageRef,
        Reason = status.Reason,
        Message = status.Message,
        Labels = CommonMapper.ToDictionary(status.Labels),
        Annotations = CommonMapper.ToDictionary(status.Annotations),
        LogPath = status.LogPath,
    };

    private static V1.Mount ToMount(MountSpec mount) => new()
    {
        ContainerPath = mount.ContainerPath,
        HostPath = mount.HostPath,
        Readonly = mount.ReadOnly,
        Propagation = mount.Propagation switch
        {
            MountPropagationMode.Private => V1.MountPropagation.PropagationPrivate,
            MountPropagationMode.HostToContainer => V1.MountPropagation.PropagationHostToContainer,
            MountPropagationMode.Bidirectional => V1.MountPropagation.PropagationBidirectional,
            _ => throw new ArgumentOutOfRangeException(nameof(mount), mount.Propagation, "unknown mount propagation"),
        },
    };

    private static V1.LinuxContainerResources ToResources(ContainerResources resources) => new()
    {
        CpuPeriod = resources.CpuPeriod,
        CpuQuota = resources.CpuQuota,
        CpuShares = resources.CpuShares,
        MemoryLimitInBytes = resources.MemoryLimitBytes,
        OomScoreAdj = resources.OomScoreAdj,
    };

    private static V1.LinuxContainerSecurityContext ToSecurityContext(ContainerSecurity security) => new()
    {
        Capabilities = new V1.Capability
        {
            AddCapabilities = { security.AddCapabilities },
            DropCapabilities = { security.DropCapabilities },
        },
        Privileged = security.Privileged,
        NamespaceOptions = CommonMapper.ToNamespaceOption(security.Namespaces),
        RunAsUser = CommonMapper.ToInt64Value(security.RunAsUser),
        RunAsGroup = CommonMapper.ToInt64Value(security.RunAsGroup),
        ReadonlyRootfs = security.ReadonlyRootfs,
        SupplementalGroups = { security.SupplementalGroups },
        NoNewPrivs = security.NoNewPrivs,
        MaskedPaths = { security.MaskedPaths },
        ReadonlyPaths = { security.ReadonlyPaths },
    };

    private static ContainerRunState ToDomain(V1.ContainerState state) => state switch
    {
        V1.ContainerState.ContainerCreated => ContainerRunState.Created,
        V1.ContainerState.ContainerRunning => ContainerRunState.Running,
        V1.ContainerState.ContainerExited => ContainerRunState.Exited,
        _ => ContainerRunState.Unknown,
    };
}
