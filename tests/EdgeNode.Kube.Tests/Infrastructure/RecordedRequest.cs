namespace EdgeNode.Kube.Tests.Infrastructure;

/// <summary>What a <see cref="FakeApiHandler"/> received, copied out of the (soon disposed) request.</summary>
internal sealed record RecordedRequest(
    HttpMethod Method,
    Uri Uri,
    Version Version,
    HttpVersionPolicy VersionPolicy,
    string? Accept,
    string? UserAgent,
    string? Authorization,
    string? ContentType,
    string? Body)
{
    public string PathAndQuery => Uri.PathAndQuery;
}
