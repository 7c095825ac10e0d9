namespace EdgeNode.Agent.Configuration;

/// <summary>The configuration is unusable; the message says what, where and how to fix it.</summary>
public sealed class ConfigurationException(string message) : Exception(message);
