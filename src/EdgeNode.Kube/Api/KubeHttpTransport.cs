namespace EdgeNode.Kube.Api;

/// <summary>
/// Holds the current HTTP handler and replaces it on <see cref="DropConnections"/>: new requests use a fresh
/// handler (fresh connections) at once, ordinary requests already in flight finish on the old one, watches on
/// the old one are ended (their reflector reconnects), and the old handler is disposed — closing its
/// connections — as soon as nothing uses it any more. This is the kubelet's "repeated heartbeat failure"
/// hook, which closes the connections so that a dead TCP connection is not reused.
/// </summary>
internal sealed class KubeHttpTransport : IDisposable
{
    private readonly Func<HttpMessageHandler> _createHandler;
    private readonly Lock _gate = new();
    private HandlerGeneration _current;
    private bool _disposed;

    public KubeHttpTransport(Func<HttpMessageHandler> createHandler)
    {
        _createHandler = createHandler;
        _current = new HandlerGeneration(createHandler());
    }

    /// <summary>Takes the current handler for one request; pair with <see cref="Release"/>.</summary>
    public HandlerGeneration Acquire()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _current.InFlight++;
            return _current;
        }
    }

    public void Release(HandlerGeneration generation)
    {
        bool dispose;
        lock (_gate)
        {
            generation.InFlight--;
            dispose = generation.IsRetired && generation.InFlight == 0;
        }

        if (dispose)
        {
            generation.Dispose();
        }
    }

    public void DropConnections()
    {
        HandlerGeneration old;
        bool disposeNow;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            old = _current;
            _current = new HandlerGeneration(_createHandler());
            old.IsRetired = true;
            disposeNow = old.InFlight == 0;
        }

        old.Retire();
        if (disposeNow)
        {
            old.Dispose();
        }
    }

    public void Dispose()
    {
        HandlerGeneration current;
        bool disposeNow;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            current = _current;
            current.IsRetired = true;
            disposeNow = current.InFlight == 0;
        }

        current.Retire();
        if (disposeNow)
        {
            current.Dispose();
        }
    }
}
