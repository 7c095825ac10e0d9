namespace EdgeNode.Bench;

/// <summary>One CRI call as containerd logged it: request received → response sent.</summary>
public sealed record CriCallSpan(string Method, DateTimeOffset Begin, DateTimeOffset End)
{
    public TimeSpan Duration => End - Begin;
}
