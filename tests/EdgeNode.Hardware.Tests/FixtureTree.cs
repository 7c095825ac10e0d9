namespace EdgeNode.Hardware.Tests;

/// <summary>A temporary directory tree standing in for /, /proc or /sys.</summary>
public sealed class FixtureTree : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("edgenode-fixture-").FullName;

    public FixtureTree With(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return this;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
