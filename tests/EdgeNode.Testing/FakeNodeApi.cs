using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeNode.Core.Api;
using EdgeNode.Core.Json;
using EdgeNode.Core.Nodes;

namespace EdgeNode.Testing;

/// <summary>
/// An in-memory API server for Node objects that behaves like the real one where EdgeNode depends on it:
/// <list type="bullet">
/// <item>create assigns a UID and a resourceVersion and fails with AlreadyExists for an existing name;</item>
/// <item>objects go through <see cref="ApiJsonContext"/> on the way in and out (copies, times in whole seconds,
/// as the server stores them);</item>
/// <item>a status patch is applied as a strategic merge patch: objects merge (null deletes a key),
/// <c>status.conditions</c> merge by <c>type</c>, a list ending with <c>{"$patch":"replace"}</c> replaces the
/// stored one, other lists replace; <c>spec</c> is ignored as on the status subresource; patching a missing
/// Node fails with NotFound.</item>
/// </list>
/// Every call is recorded in <see cref="Calls"/> (failed ones too); <see cref="FailNext"/> and
/// <see cref="FailWhen"/> inject failures. Methods complete synchronously. Thread-safe.
/// </summary>
public sealed class FakeNodeApi(ProgressSignal? progress = null) : INodeApi
{
    public static readonly string Get = nameof(INodeApi.GetNodeAsync);
    public static readonly string Create = nameof(INodeApi.CreateNodeAsync);
    public static readonly string PatchStatus = nameof(INodeApi.PatchNodeStatusAsync);
    public static readonly string Drop = nameof(INodeApi.DropConnections);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Node> _nodes = new(StringComparer.Ordinal);
    private readonly List<FakeNodeApiCall> _calls = [];
    private readonly List<Node> _created = [];
    private readonly List<string> _patches = [];
    private readonly Dictionary<string, Queue<Exception>> _failures = new(StringComparer.Ordinal);
    private int _nextVersion;

    /// <summary>Consulted on every call after <see cref="FailNext"/>; a non-null exception is thrown.</summary>
    public Func<FakeNodeApiCall, Exception?>? FailWhen { get; set; }

    public IReadOnlyList<FakeNodeApiCall> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>The Nodes sent with successful creates, as sent.</summary>
    public IReadOnlyList<Node> Created
    {
        get
        {
            lock (_lock)
            {
                return [.. _created];
            }
        }
    }

    /// <summary>The bodies of the status patches that were applied, in order.</summary>
    public IReadOnlyList<string> Patches
    {
        get
        {
            lock (_lock)
            {
                return [.. _patches];
            }
        }
    }

    public IReadOnlyList<FakeNodeApiCall> CallsTo(string method) => Calls.Where(c => c.Method == method).ToList();

    public int CountCalls(string method) => Calls.Count(c => c.Method == method);

    /// <summary>The Node as the server holds it now (a copy), or null.</summary>
    public Node? Stored(string name)
    {
        lock (_lock)
        {
            return _nodes.TryGetValue(name, out var node) ? Copy(node) : null;
        }
    }

    /// <summary>Puts a Node on the server without recording a call (UID and resourceVersion filled in when missing).</summary>
    public Node Seed(Node node)
    {
        lock (_lock)
        {
            return Copy(Store(node));
        }
    }

    public void Remove(string name)
    {
        lock (_lock)
        {
            _nodes.Remove(name);
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

    public Task<Node?> GetNodeAsync(string name, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            Enter(new FakeNodeApiCall(Get, name));
            return Task.FromResult(_nodes.TryGetValue(name, out var node) ? Copy(node) : null);
        }
    }

    public Task<Node> CreateNodeAsync(Node node, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var name = node.Metadata.Name ?? "";
        lock (_lock)
        {
            Enter(new FakeNodeApiCall(Create, name, JsonSerializer.Serialize(node, ApiJsonContext.Default.Node)));
            if (_nodes.ContainsKey(name))
            {
                throw new ApiException(ApiErrorKind.AlreadyExists, $"nodes \"{name}\" already exists");
            }
            _created.Add(node);
            return Task.FromResult(Copy(Store(node)));
        }
    }

    public Task<Node> PatchNodeStatusAsync(string name, string strategicMergePatch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            Enter(new FakeNodeApiCall(PatchStatus, name, strategicMergePatch));
            if (!_nodes.TryGetValue(name, out var node))
            {
                throw new ApiException(ApiErrorKind.NotFound, $"nodes \"{name}\" not found");
            }
            var target = JsonSerializer.SerializeToNode(node, ApiJsonContext.Default.Node)!.AsObject();
            var patch = JsonNode.Parse(strategicMergePatch)!.AsObject();
            patch.Remove("spec");
            MergeObject(target, patch);
            var patched = target.Deserialize(ApiJsonContext.Default.Node)!;
            _patches.Add(strategicMergePatch);
            return Task.FromResult(Copy(Store(patched)));
        }
    }

    public void DropConnections()
    {
        lock (_lock)
        {
            _calls.Add(new FakeNodeApiCall(Drop, ""));
        }
        progress?.Pulse();
    }

    private void Enter(FakeNodeApiCall call)
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

    private Node Store(Node node)
    {
        var name = node.Metadata.Name ?? throw new ArgumentException("a Node needs metadata.name", nameof(node));
        var stored = Copy(node with
        {
            Metadata = node.Metadata with
            {
                Uid = node.Metadata.Uid ?? $"uid-{name}",
                ResourceVersion = (++_nextVersion).ToString(CultureInfo.InvariantCulture),
            },
        });
        _nodes[name] = stored;
        return stored;
    }

    private static Node Copy(Node node) =>
        JsonSerializer.Deserialize(JsonSerializer.Serialize(node, ApiJsonContext.Default.Node), ApiJsonContext.Default.Node)!;

    private static void MergeObject(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch.ToList())
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject patchObject && target[key] is JsonObject targetObject)
            {
                MergeObject(targetObject, patchObject);
            }
            else if (value is JsonArray patchArray && key == "conditions" && target[key] is JsonArray targetArray)
            {
                MergeByType(targetArray, patchArray);
            }
            else if (value is JsonArray replaced)
            {
                target[key] = new JsonArray([.. replaced.Where(e => e?["$patch"] is null).Select(e => e?.DeepClone())]);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }

    private static void MergeByType(JsonArray target, JsonArray patch)
    {
        if (patch.Any(e => e?["$patch"] is not null))
        {
            throw new ApiException(ApiErrorKind.Other, "FakeNodeApi: directives in status.conditions are not supported");
        }
        foreach (var item in patch)
        {
            var type = item!["type"]!.GetValue<string>();
            var existing = target.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == type);
            if (existing is null)
            {
                target.Add(item.DeepClone());
            }
            else
            {
                MergeObject(existing, item.AsObject());
            }
        }
    }
}
