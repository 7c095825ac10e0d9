using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using EdgeNode.Kube.Models;

namespace EdgeNode.Kube.Api;

/// <summary>Turns HTTP failures into <see cref="KubeApiException"/>s with one readable sentence.</summary>
internal static class KubeApiErrors
{
    private const int MaxBodyInMessage = 300;

    public static KubeApiException FromStatus(Uri server, string kubeconfig, HttpMethod method, string path, HttpStatusCode code, Status? status, string? body)
    {
        var reason = string.IsNullOrEmpty(status?.Reason) ? StandardReason(code) : status.Reason;
        var apiMessage = !string.IsNullOrWhiteSpace(status?.Message) ? status.Message : Shorten(body);
        var what = $"{method.Method} {path}";
        var detail = string.IsNullOrWhiteSpace(apiMessage) ? "" : $": {apiMessage.TrimEnd('.')}";
        var message = code switch
        {
            HttpStatusCode.Unauthorized =>
                $"The API server at {server} rejected the credentials from the kubeconfig {kubeconfig} for {what} ({(int)code} {reason}){detail}: " +
                "renew the client certificate or token in the kubeconfig.",
            HttpStatusCode.Forbidden =>
                $"The API server at {server} forbids {what} ({(int)code} {reason}){detail}: " +
                "give the kubeconfig's user the RBAC rights it needs (a node's user is system:node:<name> in group system:nodes).",
            _ => $"The API server at {server} answered {what} with {(int)code} {reason}{detail}.",
        };
        return new KubeApiException(message, code, reason, apiMessage, status);
    }

    /// <summary>A watch <c>ERROR</c> event, which carries a Status in place of an object.</summary>
    public static KubeApiException FromWatchError(Uri server, string path, Status? status)
    {
        var code = (HttpStatusCode)(status?.Code ?? 500);
        var reason = string.IsNullOrEmpty(status?.Reason) ? StandardReason(code) : status.Reason;
        var detail = string.IsNullOrWhiteSpace(status?.Message) ? "" : $": {status.Message.TrimEnd('.')}";
        return new KubeApiException(
            $"The API server at {server} ended the watch GET {path} with an error, {(int)code} {reason}{detail}.",
            code, reason, status?.Message, status);
    }

    public static KubeApiException Unreachable(Uri server, Exception cause, string? tlsProblem)
    {
        var reason = Describe(cause, tlsProblem);
        return new KubeApiException(KubeApiErrorKind.Unreachable, $"The API server at {server} is unreachable: {reason}.", cause);
    }

    public static KubeApiException Timeout(Uri server, HttpMethod method, string path, TimeSpan timeout, Exception? cause) =>
        new(KubeApiErrorKind.Timeout,
            $"The API server at {server} did not answer {method.Method} {path} within {Format(timeout)}: check the network between this node and the API server.",
            cause);

    public static KubeApiException InvalidResponse(Uri server, HttpMethod method, string path, string problem, Exception? cause = null) =>
        new(KubeApiErrorKind.InvalidResponse,
            $"The API server at {server} answered {method.Method} {path} with {problem}: check that the kubeconfig's server is a Kubernetes API server.",
            cause);

    /// <summary>The Kubernetes reason apimachinery uses for an HTTP status that came without a Status body.</summary>
    public static string StandardReason(HttpStatusCode code) => (int)code switch
    {
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        409 => "Conflict",
        410 => "Gone",
        413 => "RequestEntityTooLarge",
        415 => "UnsupportedMediaType",
        422 => "Invalid",
        429 => "TooManyRequests",
        500 => "InternalError",
        503 => "ServiceUnavailable",
        504 => "Timeout",
        _ => code.ToString(),
    };

    private static string Describe(Exception cause, string? tlsProblem)
    {
        if (cause is HttpRequestException http)
        {
            switch (http.HttpRequestError)
            {
                case HttpRequestError.NameResolutionError:
                    return $"its name does not resolve ({Innermost(http)})";
                case HttpRequestError.SecureConnectionError:
                    return tlsProblem ?? $"the TLS handshake failed ({Innermost(http)})";
            }

            if (FindInner<AuthenticationException>(http) is not null)
            {
                return tlsProblem ?? $"the TLS handshake failed ({Innermost(http)})";
            }

            if (FindInner<SocketException>(http) is { } socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "the connection was refused (is the API server running and the port right?)",
                    SocketError.TimedOut => "connecting timed out",
                    SocketError.HostUnreachable or SocketError.NetworkUnreachable => $"there is no route to it ({socket.Message})",
                    _ => socket.Message,
                };
            }
        }

        return Innermost(cause);
    }

    private static T? FindInner<T>(Exception e)
        where T : Exception
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
        }

        return null;
    }

    private static string Innermost(Exception e)
    {
        var current = e;
        while (current.InnerException is not null)
        {
            current = current.InnerException;
        }

        return current.Message.TrimEnd('.');
    }

    private static string? Shorten(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        var trimmed = body.Trim().ReplaceLineEndings(" ");
        return trimmed.Length <= MaxBodyInMessage ? trimmed : trimmed[..MaxBodyInMessage] + "…";
    }

    private static string Format(TimeSpan timeout) =>
        timeout.TotalSeconds >= 1 && timeout.Milliseconds == 0 ? $"{(long)timeout.TotalSeconds} s" : $"{(long)timeout.TotalMilliseconds} ms";
}
