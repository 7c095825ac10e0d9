using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeNode.Core.Json;
using EdgeNode.Core.Pods;
using EdgeNode.Core.Sources;

namespace EdgeNode.Core.Manifests;

/// <summary>
/// One manifest file's text → the valid pods of its documents (defaulted, not yet normalised) and one
/// <see cref="ManifestProblem"/> per thing wrong with the others. Never throws for bad input.
/// </summary>
internal static class PodManifestReader
{
    public static ManifestReadResult Read(string path, string text, string nodeName)
    {
        // JSON files too: YAML 1.2 is a superset of JSON, and this path reports duplicate keys with their line.
        IReadOnlyList<JsonNode?> documents;
        try
        {
            documents = YamlJson.Parse(text);
        }
        catch (YamlJsonException e)
        {
            return new ManifestReadResult([], [new ManifestProblem(path, null, null, $"{path}: {e.Message}")]);
        }

        var pods = new List<ManifestPod>();
        var problems = new List<ManifestProblem>();
        for (var i = 0; i < documents.Count; i++)
        {
            if (documents[i] is { } document)
            {
                ReadDocument(path, i + 1, document, nodeName, pods, problems);
            }
        }
        return new ManifestReadResult(pods, problems);
    }

    private static void ReadDocument(string path, int number, JsonNode document, string nodeName, List<ManifestPod> pods, List<ManifestProblem> problems)
    {
        var where = $"{path}: document {number}";
        if (document is not JsonObject root)
        {
            problems.Add(new ManifestProblem(path, null, null, $"{where} is {(document is JsonArray ? "a list" : "a single value")}, not a mapping: a manifest document must be a v1 Pod"));
            return;
        }
        var apiVersion = Text(root["apiVersion"]);
        var kind = Text(root["kind"]);
        if (kind is null)
        {
            problems.Add(new ManifestProblem(path, null, null, $"{where} has no kind: a static pod manifest starts with apiVersion: v1 and kind: Pod"));
            return;
        }
        if (kind != "Pod")
        {
            var type = apiVersion is null ? kind : $"{apiVersion} {kind}";
            var article = "aeiouAEIOU".Contains(type[0]) ? "an" : "a";
            problems.Add(new ManifestProblem(path, null, null, $"{where} is {article} {type}; the static pod folder takes only v1 Pod manifests"));
            return;
        }

        var metadata = root["metadata"] as JsonObject;
        var name = Text(metadata?["name"]);
        var podName = name is null ? null : StaticPodNormalizer.StaticPodName(name, nodeName);
        var podNamespace = name is null ? null : Text(metadata?["namespace"]) ?? "default";
        void Problem(string sentence) => problems.Add(new ManifestProblem(path, podName, podNamespace, $"{where}: {sentence}"));

        // Status belongs to the node, not to the manifest (kubelet overwrites it too); "kubectl get -o yaml" output has one.
        root.Remove("status");
        if (RemoveNulls(root, "") is { } emptyItem)
        {
            Problem($"{emptyItem} is empty: remove the empty '-' entry or fill it in");
            return;
        }

        // The source-generated deserializer leaves absent init-only properties null, initializers notwithstanding.
        if (!root.ContainsKey("metadata"))
        {
            root["metadata"] = new JsonObject();
        }
        if (!root.ContainsKey("spec"))
        {
            root["spec"] = new JsonObject();
        }
        if (root["spec"] is JsonObject spec && !spec.ContainsKey("containers"))
        {
            spec["containers"] = new JsonArray();
        }

        Pod pod;
        try
        {
            pod = PodDefaults.Apply(root.Deserialize(PodJsonContext.Default.Pod)!);
        }
        catch (JsonException e)
        {
            Problem(JsonExceptionRewriter.Describe(e, root));
            return;
        }

        var invalid = PodValidator.Validate(pod);
        foreach (var sentence in invalid)
        {
            Problem(sentence);
        }
        if (podName is not null && Dns1123.IsSubdomain(name) && !Dns1123.IsSubdomain(podName))
        {
            Problem(podName.Length > 253
                ? $"metadata.name is {name!.Length} characters long and the node suffix makes it {podName.Length}, more than the 253 allowed: shorten the name"
                : $"metadata.name \"{name}\" becomes \"{podName}\" on this node, which is not a valid DNS-1123 subdomain ({Dns1123.SubdomainRule}): fix the node name");
            return;
        }
        if (invalid.Count == 0)
        {
            pods.Add(new ManifestPod(number, pod));
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>
    /// Drops null members (Kubernetes reads "key:" with no value as unset). Returns the path of the first
    /// null list item, which has no such meaning.
    /// </summary>
    private static string? RemoveNulls(JsonNode node, string field)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (value is null)
                    {
                        obj.Remove(key);
                    }
                    else if (RemoveNulls(value, FieldPath.Key(field, key)) is { } empty)
                    {
                        return empty;
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var item = array[i];
                    var itemField = FieldPath.Index(field, i);
                    if (item is null)
                    {
                        return itemField;
                    }
                    if (RemoveNulls(item, itemField) is { } empty)
                    {
                        return empty;
                    }
                }
                break;
        }
        return null;
    }
}
