using System.Text;
using System.Threading.Channels;

namespace EdgeNode.Kube.Tests.Infrastructure;

/// <summary>A response body the test feeds line by line; reads wait for the next line, end, or failure.</summary>
internal sealed class WatchStream : Stream
{
    private readonly Channel<byte[]> _chunks = Channel.CreateUnbounded<byte[]>();
    private ReadOnlyMemory<byte> _current;
    private Exception? _failure;

    public bool IsDisposed { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public void WriteLine(string json) => _chunks.Writer.TryWrite(Encoding.UTF8.GetBytes(json + "\n"));

    /// <summary>Writes raw text (no newline added), e.g. half a line.</summary>
    public void WriteRaw(string text) => _chunks.Writer.TryWrite(Encoding.UTF8.GetBytes(text));

    /// <summary>The server ends the stream normally.</summary>
    public void End() => _chunks.Writer.TryComplete();

    /// <summary>The connection breaks.</summary>
    public void Break()
    {
        _failure = new IOException("connection reset by peer");
        _chunks.Writer.TryComplete();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_current.IsEmpty)
        {
            if (!await _chunks.Reader.WaitToReadAsync(cancellationToken))
            {
                return _failure is null ? 0 : throw _failure;
            }

            _chunks.Reader.TryRead(out var chunk);
            _current = chunk;
        }

        var count = Math.Min(buffer.Length, _current.Length);
        _current[..count].CopyTo(buffer);
        _current = _current[count..];
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        IsDisposed = true;
        base.Dispose(disposing);
    }
}
