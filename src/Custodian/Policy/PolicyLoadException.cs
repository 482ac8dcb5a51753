namespace Custodian.Policy;

/// <summary>The policy files are invalid; the message lists every error as file:line:column, never personal data.</summary>
public sealed class PolicyLoadException(string message) : Exception(message);
