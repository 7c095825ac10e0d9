namespace EdgeNode.Core.Engine;

/// <summary>A volume cannot be set up; the message names the volume, the cause and the fix.</summary>
public sealed class VolumeException(string message, Exception? inner = null) : Exception(message, inner);
