namespace EdgeNode.Core.Sources;

/// <summary>
/// One problem with one manifest: <see cref="Message"/> is a single sentence naming the file, the field
/// and the fix. <see cref="PodName"/> is set when the document got far enough to have a name.
/// </summary>
public sealed record ManifestProblem(string Path, string? PodName, string? Namespace, string Message);
