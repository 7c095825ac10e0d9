namespace EdgeNode.Kube.Api;

/// <summary>
/// The bearer token to send: a fixed token, or the content of a token file re-read at most once per
/// interval (rotating service-account or bootstrap tokens). A file that cannot be read keeps the last token.
/// </summary>
internal sealed class BearerTokenSource(string? token, string? tokenFile, TimeSpan refreshInterval, TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private string? _token = token;
    private long _readAt = timeProvider.GetTimestamp();

    public string? Current
    {
        get
        {
            if (tokenFile is null)
            {
                return _token;
            }

            lock (_gate)
            {
                if (timeProvider.GetElapsedTime(_readAt) >= refreshInterval)
                {
                    _readAt = timeProvider.GetTimestamp();
                    try
                    {
                        var fresh = File.ReadAllText(tokenFile).Trim();
                        if (fresh.Length > 0)
                        {
                            _token = fresh;
                        }
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        // Keep the last token; the API server says 401 if it is no longer valid.
                    }
                }

                return _token;
            }
        }
    }
}
