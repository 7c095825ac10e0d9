using EdgeNode.Core.Api;
using EdgeNode.Kube.Api;

namespace EdgeNode.Kube.Adapters;

/// <summary>Translates the client's errors into the Core ports' <see cref="ApiException"/>.</summary>
internal static class KubeErrors
{
    public static ApiException Map(KubeApiException e) => new(Kind(e), e.Message, e);

    public static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (KubeApiException e)
        {
            throw Map(e);
        }
    }

    private static ApiErrorKind Kind(KubeApiException e) => e switch
    {
        { Kind: KubeApiErrorKind.Unreachable or KubeApiErrorKind.Timeout } => ApiErrorKind.Unreachable,
        { IsAlreadyExists: true } => ApiErrorKind.AlreadyExists,
        { IsConflict: true } => ApiErrorKind.Conflict,
        { IsNotFound: true } => ApiErrorKind.NotFound,
        { IsGone: true } => ApiErrorKind.Gone,
        { IsForbidden: true } => ApiErrorKind.Forbidden,
        { IsUnauthorized: true } => ApiErrorKind.Unauthorized,
        _ => ApiErrorKind.Other,
    };
}
