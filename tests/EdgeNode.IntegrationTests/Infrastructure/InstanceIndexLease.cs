namespace EdgeNode.IntegrationTests.Infrastructure;

/// <summary>
/// Holds one containerd-instance INDEX (1–200: bridge name and subnet) exclusively, across test processes,
/// through an flock on /var/tmp/edgenode-test-index/INDEX.lock; the lock dies with the process.
/// </summary>
internal sealed class InstanceIndexLease : IDisposable
{
    private const string LockDirectory = "/var/tmp/edgenode-test-index";
    private const int IndexCount = 200;

    private static int nextOffset;

    private readonly FileStream lockFile;

    private InstanceIndexLease(int index, FileStream lockFile)
    {
        Index = index;
        this.lockFile = lockFile;
    }

    public int Index { get; }

    public static InstanceIndexLease Acquire()
    {
        Directory.CreateDirectory(LockDirectory);
        // Start each process somewhere else so concurrent test runs rarely probe the same indexes.
        var start = Environment.ProcessId % IndexCount;
        for (var attempt = 0; attempt < IndexCount; attempt++)
        {
            var index = ((start + Interlocked.Increment(ref nextOffset)) % IndexCount) + 1;
            if (Directory.Exists($"/sys/class/net/edgenode{index}"))
            {
                continue; // An instance started without the lock (a demo, a manual run) owns this bridge.
            }

            try
            {
                // FileShare.None takes an exclusive, non-blocking flock on Linux.
                var lockFile = new FileStream(Path.Combine(LockDirectory, $"{index}.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return new InstanceIndexLease(index, lockFile);
            }
            catch (IOException)
            {
                // Taken by another instance; try the next index.
            }
        }

        throw new InvalidOperationException($"All {IndexCount} containerd test indexes under {LockDirectory} are in use: stop other test runs.");
    }

    public void Dispose() => lockFile.Dispose();
}
