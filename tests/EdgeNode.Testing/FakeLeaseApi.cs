using System.Globalization;
using System.Text.Json;
using EdgeNode.Core.Api;
using EdgeNode.Core.Json;
using EdgeNode.Core.Leases;

namespace EdgeNode.Testing;

/// <summary>
/// An in-memory API server for the Leases in kube-node-lease that behaves like the real one where
/// EdgeNode depends on it:
/// <list type="bullet">
/// <item>create assigns a UID and a resourceVersion and fails with AlreadyExists for an existing name;</item>
/// <item>update is optimistic: a missing lease fails with NotFound, a resourceVersion other than the stored one
/// with Conflict (409); a successful update bumps the resourceVersion;</item>
/// <item>objects go through <see cref="ApiJsonContext"/> on the way in and out (copies, MicroTime renewTime).</item>
/// </list>
/// <see cref="Touch"/> simulates another writer. Every call is recorded in <see cref="Calls"/> with the lease
/// that was sent (failed ones too); <see cref="FailNext"/> and <see cref="FailWhen"/> inject failures.
/// Methods complete synchronously. Thread-safe.
/// </summary>
public sealed class FakeLeaseApi(ProgressSignal? progress = null) : ILeaseApi
{
    public static readonly string Get = nameof(ILeaseApi.GetLeaseAsync);
    public static readonly string Create = nameof(ILeaseApi.CreateLeaseAsync);
    public static readonly string Update = nameof(ILeaseApi.UpdateLeaseAsync);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Lease> _leases = new(StringComparer.Ordinal);
    private readonly List<FakeLeaseApiCall> _calls = [];
    private readonly Dictionary<string, Queue<Exception>> _failures = new(StringComparer.Ordinal);
    private int _nextVersion;

    /// <summary>Consulted on every call after <see cref="FailNext"/>; a non-null exception is thrown.</summary>
    public Func<FakeLeaseApiCall, Exception?>? FailWhen { get; set; }

    public IReadOnlyList<FakeLeaseApiCall> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    public IReadOnlyList<FakeLeaseApiCall> CallsTo(string method) => Calls.Where(c => c.Method == method).ToList();

    public int CountCalls(string method) => Calls.Count(c => c.Method == method);

    /// <summary>The methods called, in order.</summary>
    public IReadOnlyList<string> Methods => Calls.Select(c => c.Method).ToList();

    /// <summary>The Lease as the server holds it now (a copy), or null.</summary>
    public Lease? Stored(string name)
    {
        lock (_lock)
        {
            return _leases.TryGetValue(name, out var lease) ? Copy(lease) : null;
        }
    }

    /// <summary>Puts a Lease on the server without recording a call.</summary>
    public Lease Seed(Lease lease)
    {
        lock (_lock)
        {
            return Copy(Store(lease));
        }
    }

    /// <summary>Another writer changed the lease: its resourceVersion moves on, so a cached copy is stale.</summary>
    public void Touch(string name)
    {
        lock (_lock)
        {
            Store(_leases[name]);
        }
    }

    public void Remove(string name)
    {
        lock (_lock)
        {
            _leases.Remove(name);
        }
    }

    /// <summary>The next call to <paramref name="method"/> throws <paramref name="exception"/> (queued, once each).</summary>
    public void FailNext(string method, Exception exception)
    {
        lock (_lock)
        {
            if (!_failures.TryGetValue(method, out var queue))
            {
                _failures[method] = queue = new Queue<Exception>();
            }
            queue.Enqueue(exception);
        }
    }

    public void ClearCalls()
    {
        lock (_lock)
        {
            _calls.Clear();
        }
    }

    public Task<Lease?> GetLeaseAsync(string name, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            Enter(new FakeLeaseApiCall(Get, name));
            return Task.FromResult(_leases.TryGetValue(name, out var lease) ? Copy(lease) : null);
        }
    }

    public Task<Lease> CreateLeaseAsync(Lease lease, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var name = lease.Metadata.Name ?? "";
        lock (_lock)
        {
            Enter(new FakeLeaseApiCall(Create, name, Copy(lease)));
            if (_leases.ContainsKey(name))
            {
                throw new ApiException(ApiErrorKind.AlreadyExists, $"leases.coordination.k8s.io \"{name}\" already exists");
            }
            return Task.FromResult(Copy(Store(lease)));
        }
    }

    public Task<Lease> UpdateLeaseAsync(Lease lease, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var name = lease.Metadata.Name ?? "";
        lock (_lock)
        {
            Enter(new FakeLeaseApiCall(Update, name, Copy(lease)));
            if (!_leases.TryGetValue(name, out var stored))
            {
                throw new ApiException(ApiErrorKind.NotFound, $"leases.coordination.k8s.io \"{name}\" not found");
            }
            if (lease.Metadata.ResourceVersion != stored.Metadata.ResourceVersion)
            {
                throw new ApiException(
                    ApiErrorKind.Conflict,
                    $"Operation cannot be fulfilled on leases.coordination.k8s.io \"{name}\": the object has been modified; please apply your changes to the latest version and try again");
            }
            return Task.FromResult(Copy(Store(lease with { Metadata = lease.Metadata with { Uid = stored.Metadata.Uid } })));
        }
    }

    private void Enter(FakeLeaseApiCall call)
    {
        _calls.Add(call);
        progress?.Pulse();
        if (_failures.TryGetValue(call.Method, out var queue) && queue.TryDequeue(out var failure))
        {
            throw failure;
        }
        if (FailWhen?.Invoke(call) is { } e)
        {
            throw e;
        }
    }

    private Lease Store(Lease lease)
    {
        var name = lease.Metadata.Name ?? throw new ArgumentException("a Lease needs metadata.name", nameof(lease));
        var stored = Copy(lease with
        {
            Metadata = lease.Metadata with
            {
                Uid = lease.Metadata.Uid ?? $"lease-uid-{name}",
                ResourceVersion = (++_nextVersion).ToString(CultureInfo.InvariantCulture),
            },
        });
        _leases[name] = stored;
        return stored;
    }

    private static Lease Copy(Lease lease) =>
        JsonSerializer.Deserialize(JsonSerializer.Serialize(lease, ApiJsonContext.Default.Lease), ApiJsonContext.Default.Lease)!;
}
