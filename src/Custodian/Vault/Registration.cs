namespace Custodian.Vault;

/// <summary>A person's data as submitted through a channel, with the consents they gave on the same form.</summary>
public sealed record Registration(string Channel, IReadOnlyDictionary<string, string?> Items, IReadOnlyList<string>? Consents = null, string? PolicyId = null);
