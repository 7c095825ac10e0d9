namespace EdgeNode.Core.Tests.Sources;

/// <summary>A fresh folder under the temp directory, removed on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("edgenode-manifests-").FullName;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes through a hidden temp file and a rename, as editors do, so a rescan never sees half a file.</summary>
    public string Write(string name, string content)
    {
        var temp = File($".{name}.tmp");
        System.IO.File.WriteAllText(temp, content);
        System.IO.File.Move(temp, File(name), overwrite: true);
        return File(name);
    }

    public void Delete(string name) => System.IO.File.Delete(File(name));

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
