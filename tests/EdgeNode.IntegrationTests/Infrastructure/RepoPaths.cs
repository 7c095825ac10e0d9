namespace EdgeNode.IntegrationTests.Infrastructure;

/// <summary>Locates files of the repository the tests were built from.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootDirectory = new(FindRoot);

    /// <summary>The folder holding EdgeNode.sln.</summary>
    public static string Root => RootDirectory.Value;

    public static string Script(string name) => Path.Combine(Root, "scripts", name);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "EdgeNode.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No EdgeNode.sln above {AppContext.BaseDirectory}: run the tests from a checkout of the repository.");
    }
}
