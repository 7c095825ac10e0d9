namespace EdgeNode.Core.Tests.Manifests;

internal static class TestManifests
{
    /// <summary>A valid pod "web" with container "app"; the fragments are appended to the container and to the spec.</summary>
    public static string Pod(string container = "", string spec = "", string name = "web") =>
        $"apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n{container}{spec}";
}
