namespace EdgeNode.Kube.Api;

/// <summary>One handler and the requests using it.</summary>
internal sealed class HandlerGeneration(HttpMessageHandler handler) : IDisposable
{
    private readonly CancellationTokenSource _retired = new();
    private int _disposed;

    public HttpMessageInvoker Invoker { get; } = new(handler, disposeHandler: true);

    /// <summary>Cancelled when the handler is replaced; watches link to it so they end and reconnect.</summary>
    public CancellationToken Retired => _retired.Token;

    internal int InFlight { get; set; }

    internal bool IsRetired { get; set; }

    internal void Retire() => _retired.Cancel();

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Invoker.Dispose();
            _retired.Dispose();
        }
    }
}
