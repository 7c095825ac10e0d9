namespace EdgeNode.Core.Pods;

public sealed record Container
{
    public string? Name { get; init; }
    public string? Image { get; init; }
    public List<string>? Command { get; init; }
    public List<string>? Args { get; init; }
    public string? WorkingDir { get; init; }
    public List<ContainerPort>? Ports { get; init; }
    public List<EnvVar>? Env { get; init; }
    public ResourceRequirements? Resources { get; init; }
    public List<VolumeMount>? VolumeMounts { get; init; }
    public Probe? LivenessProbe { get; init; }
    public Probe? ReadinessProbe { get; init; }
    public Probe? StartupProbe { get; init; }
    public Lifecycle? Lifecycle { get; init; }
    public string? TerminationMessagePath { get; init; }
    public string? TerminationMessagePolicy { get; init; }
    public string? ImagePullPolicy { get; init; }
    public SecurityContext? SecurityContext { get; init; }
    public bool? Stdin { get; init; }
    public bool? StdinOnce { get; init; }
    public bool? Tty { get; init; }
}
