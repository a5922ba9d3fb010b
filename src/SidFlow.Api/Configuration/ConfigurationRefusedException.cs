namespace SidFlow.Api.Configuration;

/// <summary>Configuration SidFlow will not start with (a literal secret in the file, a malformed token list); the message names the key, never the value.</summary>
public sealed class ConfigurationRefusedException(string message) : Exception(message);
