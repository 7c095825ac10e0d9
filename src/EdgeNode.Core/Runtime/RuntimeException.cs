namespace EdgeNode.Core.Runtime;

/// <summary>A container-runtime failure with a message a user can act on.</summary>
public sealed class RuntimeException : Exception
{
    public RuntimeException(RuntimeErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
    }

    public RuntimeErrorKind Kind { get; }
}
