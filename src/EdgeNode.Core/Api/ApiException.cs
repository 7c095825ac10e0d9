namespace EdgeNode.Core.Api;

/// <summary>An API-server failure with a message a user can act on.</summary>
public sealed class ApiException(ApiErrorKind kind, string message, Exception? inner = null) : Exception(message, inner)
{
    public ApiErrorKind Kind { get; } = kind;
}
