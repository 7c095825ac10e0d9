using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EdgeNode.Kube.Config;
using EdgeNode.Kube.Models;
using EdgeNode.Kube.Watch;

namespace EdgeNode.Kube.Api;

/// <summary>
/// JSON over HTTPS to one API server: the only class that sends requests to it. Paths are API paths such as
/// <c>/api/v1/namespaces/default/pods/web</c> (the kubeconfig server's own path prefix, if any, is kept).
/// Type infos must come from a lenient context such as <see cref="KubeJsonContext"/> (the API server returns
/// fields EdgeNode does not model). Every failure is a <see cref="KubeApiException"/>; cancellation through the
/// caller's token is an <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class KubeApiClient : IDisposable
{
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    private readonly KubeConnection _connection;
    private readonly KubeApiClientOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly KubeHttpTransport _transport;
    private readonly ServerCertificateValidator _validator;
    private readonly BearerTokenSource _token;
    private readonly string _baseUri;

    public KubeApiClient(KubeConnection connection, KubeApiClientOptions? options = null, TimeProvider? timeProvider = null)
        : this(connection, options ?? new KubeApiClientOptions(), timeProvider ?? TimeProvider.System, handlerFactory: null)
    {
    }

    /// <summary>For tests: <paramref name="handlerFactory"/> replaces the TLS handler (called again on every <see cref="DropConnections"/>).</summary>
    internal KubeApiClient(KubeConnection connection, KubeApiClientOptions options, TimeProvider timeProvider, Func<HttpMessageHandler>? handlerFactory)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _options = options;
        _timeProvider = timeProvider;
        _validator = new ServerCertificateValidator(KubeConnectionTls.From(connection));
        _token = new BearerTokenSource(connection.BearerToken, connection.TokenFile, options.TokenFileRefreshInterval, timeProvider);
        _transport = new KubeHttpTransport(handlerFactory ?? (() => KubeHttpHandlerFactory.Create(connection, options, _validator)));
        _baseUri = connection.Server.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    /// <summary>The API server's URL.</summary>
    public Uri Server => _connection.Server;

    /// <summary>GET one object; <c>null</c> when it does not exist (404).</summary>
    public async Task<T?> GetAsync<T>(string path, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
        where T : class
    {
        var (found, value) = await SendAsync(HttpMethod.Get, path, content: null, _options.RequestTimeout, allowNotFound: true,
            (stream, ct) => ReadObjectAsync(stream, typeInfo, ct), cancellationToken).ConfigureAwait(false);
        return found ? value : null;
    }

    /// <summary>LIST a collection (path may carry a query such as <c>?fieldSelector=…</c>): its items and resourceVersion.</summary>
    public async Task<KubeList<T>> ListAsync<T>(string pathAndQuery, JsonTypeInfo<T> itemType, CancellationToken cancellationToken = default)
        where T : class
    {
        var list = await ListWithKeysAsync(pathAndQuery, itemType, cancellationToken).ConfigureAwait(false);
        return new KubeList<T>(list.ResourceVersion, list.Items.Select(i => i.Object).ToList());
    }

    /// <summary>POST a new object to its collection path (e.g. <c>/api/v1/nodes</c>); returns what the server stored.</summary>
    public async Task<T> CreateAsync<T>(string collectionPath, T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
        where T : class =>
        (await SendAsync(HttpMethod.Post, collectionPath, JsonBody(value, typeInfo), _options.RequestTimeout, allowNotFound: false,
            (stream, ct) => ReadObjectAsync(stream, typeInfo, ct), cancellationToken).ConfigureAwait(false)).Result;

    /// <summary>PUT an object (optimistic concurrency through its metadata.resourceVersion: 409 Conflict when stale).</summary>
    public async Task<T> UpdateAsync<T>(string path, T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
        where T : class =>
        (await SendAsync(HttpMethod.Put, path, JsonBody(value, typeInfo), _options.RequestTimeout, allowNotFound: false,
            (stream, ct) => ReadObjectAsync(stream, typeInfo, ct), cancellationToken).ConfigureAwait(false)).Result;

    /// <summary>PATCH with <paramref name="patchJson"/> of <paramref name="contentType"/> (see <see cref="KubePatchTypes"/>); returns the patched object.</summary>
    public async Task<T> PatchAsync<T>(string path, string patchJson, string contentType, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(patchJson);
        var content = new StringContent(patchJson, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return (await SendAsync(HttpMethod.Patch, path, content, _options.RequestTimeout, allowNotFound: false,
            (stream, ct) => ReadObjectAsync(stream, typeInfo, ct), cancellationToken).ConfigureAwait(false)).Result;
    }

    /// <summary>DELETE an object; <c>false</c> when it was already gone (404). A failed precondition is a 409 Conflict.</summary>
    public async Task<bool> DeleteAsync(string path, DeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        var content = options is null ? null : JsonBody(options, KubeJsonContext.Default.DeleteOptions);
        var (found, _) = await SendAsync(HttpMethod.Delete, path, content, _options.RequestTimeout, allowNotFound: true,
            static (_, _) => ValueTask.FromResult(true), cancellationToken).ConfigureAwait(false);
        return found;
    }

    /// <summary>
    /// WATCH (<paramref name="pathAndQuery"/> should carry <c>watch=true</c>, <c>resourceVersion</c>, <c>timeoutSeconds</c>):
    /// the events as they arrive, until the server ends the stream, <see cref="DropConnections"/> is called, or
    /// the token is cancelled. <see cref="WatchEventType.Error"/> events are yielded, not thrown. Only the wait
    /// for the response headers has a deadline; a dead connection is found by HTTP/2 pings.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(
        string pathAndQuery, JsonTypeInfo<T> typeInfo, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : class
    {
        var generation = _transport.Acquire();
        try
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, generation.Retired);
            using var response = await OpenWatchAsync(generation, pathAndQuery, stop.Token, cancellationToken).ConfigureAwait(false);
            if (response is null)
            {
                yield break;
            }

            var stream = await response.Content.ReadAsStreamAsync(stop.Token).ConfigureAwait(false);
            await using var streamScope = stream.ConfigureAwait(false);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (true)
            {
                var line = await ReadWatchLineAsync(reader, stop.Token, cancellationToken).ConfigureAwait(false);
                if (line is null)
                {
                    yield break;
                }

                if (!string.IsNullOrWhiteSpace(line))
                {
                    yield return ParseWatchLine(line, pathAndQuery, typeInfo);
                }
            }
        }
        finally
        {
            _transport.Release(generation);
        }
    }

    /// <summary>
    /// Closes the connections to the API server (the kubelet's "repeated heartbeat failure" hook): new requests
    /// open fresh connections, running requests finish, open watches end (and are re-opened by their watcher).
    /// </summary>
    public void DropConnections() => _transport.DropConnections();

    public void Dispose() => _transport.Dispose();

    internal async Task<KubeList<(T Object, ObjectKey Key)>> ListWithKeysAsync<T>(string pathAndQuery, JsonTypeInfo<T> itemType, CancellationToken cancellationToken)
        where T : class
    {
        var (_, list) = await SendAsync(HttpMethod.Get, pathAndQuery, content: null, _options.ListTimeout, allowNotFound: false,
            async (stream, ct) =>
            {
                using var document = await JsonDocument.ParseAsync(stream, cancellationToken: ct).ConfigureAwait(false);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new JsonException("a list must be a JSON object");
                }

                var resourceVersion = root.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object &&
                    metadata.TryGetProperty("resourceVersion", out var rv) && rv.ValueKind == JsonValueKind.String
                        ? rv.GetString() ?? ""
                        : "";
                var items = new List<(T, ObjectKey)>();
                if (root.TryGetProperty("items", out var array) && array.ValueKind == JsonValueKind.Array)
                {
                    foreach (var element in array.EnumerateArray())
                    {
                        var item = element.Deserialize(itemType) ?? throw new JsonException("a list item is null");
                        items.Add((KubeObjectDefaults.Apply(item), ObjectKey.Read(element)));
                    }
                }
                else if (!root.TryGetProperty("items", out _))
                {
                    throw new JsonException("the answer has no items, so it is not a list");
                }

                return new KubeList<(T Object, ObjectKey Key)>(resourceVersion, items);
            },
            cancellationToken).ConfigureAwait(false);
        return list;
    }

    private async Task<(bool Found, TResult Result)> SendAsync<TResult>(
        HttpMethod method,
        string path,
        HttpContent? content,
        TimeSpan timeout,
        bool allowNotFound,
        Func<Stream, CancellationToken, ValueTask<TResult>> read,
        CancellationToken cancellationToken)
    {
        using var contentScope = content;
        var generation = _transport.Acquire();
        try
        {
            using var deadline = new CancellationTokenSource(timeout, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            using var request = CreateRequest(method, path, content);
            try
            {
                using var response = await generation.Invoker.SendAsync(request, linked.Token).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    if (allowNotFound && response.StatusCode == HttpStatusCode.NotFound)
                    {
                        return (false, default!);
                    }

                    throw await ReadErrorAsync(response, method, path, linked.Token).ConfigureAwait(false);
                }

                var stream = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    return (true, await read(stream, linked.Token).ConfigureAwait(false));
                }
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
            {
                throw KubeApiErrors.Timeout(Server, method, path, timeout, e);
            }
            catch (JsonException e)
            {
                throw KubeApiErrors.InvalidResponse(Server, method, path, $"JSON EdgeNode cannot read ({e.Message})", e);
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                throw KubeApiErrors.Unreachable(Server, e, _validator.LastProblem);
            }
        }
        finally
        {
            _transport.Release(generation);
        }
    }

    private async Task<HttpResponseMessage?> OpenWatchAsync(
        HandlerGeneration generation, string pathAndQuery, CancellationToken stop, CancellationToken cancellationToken)
    {
        HttpResponseMessage? response = null;
        using var request = CreateRequest(HttpMethod.Get, pathAndQuery, content: null);
        try
        {
            // The deadline covers only the wait for the headers; the CTSs are disposed before the body is read,
            // so the deadline cannot cut the stream.
            using (var deadline = new CancellationTokenSource(_options.RequestTimeout, _timeProvider))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, deadline.Token))
            {
                try
                {
                    response = await generation.Invoker.SendAsync(request, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException e) when (!stop.IsCancellationRequested && deadline.IsCancellationRequested)
                {
                    throw KubeApiErrors.Timeout(Server, HttpMethod.Get, pathAndQuery, _options.RequestTimeout, e);
                }
            }

            if (!response.IsSuccessStatusCode)
            {
                using (response)
                {
                    throw await ReadErrorAsync(response, HttpMethod.Get, pathAndQuery, stop).ConfigureAwait(false);
                }
            }

            return response;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && stop.IsCancellationRequested)
        {
            // The connections were dropped: end the watch quietly.
            response?.Dispose();
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw KubeApiErrors.Unreachable(Server, e, _validator.LastProblem);
        }
    }

    private async Task<string?> ReadWatchLineAsync(StreamReader reader, CancellationToken stop, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadLineAsync(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && stop.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw KubeApiErrors.Unreachable(Server, e, tlsProblem: null);
        }
    }

    private WatchEvent<T> ParseWatchLine<T>(string line, string pathAndQuery, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        try
        {
            return WatchEventParser.Parse(line, typeInfo);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw KubeApiErrors.InvalidResponse(Server, HttpMethod.Get, pathAndQuery, $"a watch event EdgeNode cannot read ({e.Message})", e);
        }
    }

    private HttpRequestMessage CreateRequest(HttpMethod method, string path, HttpContent? content)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '/')
        {
            throw new ArgumentException($"The API path '{path}' must start with '/'.", nameof(path));
        }

        var request = new HttpRequestMessage(method, new Uri(_baseUri + path, UriKind.Absolute))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            Content = content,
        };
        request.Headers.Accept.Add(AcceptJson);
        request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        if (_token.Current is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    private async Task<KubeApiException> ReadErrorAsync(HttpResponseMessage response, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        string? body = null;
        Status? status = null;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (body.TrimStart().StartsWith('{'))
            {
                status = JsonSerializer.Deserialize(body, KubeJsonContext.Default.Status);
                if (status is not null && status.Kind is not null && status.Kind != "Status")
                {
                    status = null;
                }
            }
        }
        catch (JsonException)
        {
            // Not a Status (a proxy's error page, say): the body text goes into the message instead.
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            // The status line is enough to report.
        }

        return KubeApiErrors.FromStatus(Server, _connection.Source, method, path, response.StatusCode, status, body);
    }

    private static ByteArrayContent JsonBody<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static async ValueTask<T> ReadObjectAsync<T>(Stream stream, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var value = await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false);
        return value is null ? throw new JsonException("the answer is null") : KubeObjectDefaults.Apply(value);
    }
}
