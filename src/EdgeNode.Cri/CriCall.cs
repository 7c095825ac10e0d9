namespace EdgeNode.Cri;

/// <summary>One CRI call as named in error messages: the RPC, what it acts on, and its deadline.</summary>
internal readonly record struct CriCall(string Method, string Subject, TimeSpan Timeout)
{
    public override string ToString() => Subject.Length == 0 ? Method : $"{Method} {Subject}";
}
