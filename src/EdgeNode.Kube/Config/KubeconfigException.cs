namespace EdgeNode.Kube.Config;

/// <summary>A kubeconfig EdgeNode cannot use. <see cref="Exception.Message"/> is one sentence naming the file, the problem and the fix.</summary>
public sealed class KubeconfigException : Exception
{
    public KubeconfigException(string? path, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
    }

    /// <summary>The kubeconfig at fault, or <c>null</c> when no kubeconfig was given at all.</summary>
    public string? Path { get; }
}
