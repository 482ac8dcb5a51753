using Custodian.Vault;

namespace Custodian.Gate;

/// <summary>What the gate hands out: the items the declared purpose needs, and nothing else.</summary>
public sealed record PersonView(
    Guid Id,
    string PolicyId,
    string PolicyVersion,
    string Channel,
    PersonState State,
    DateTime RegisteredAt,
    string Purpose,
    IReadOnlyDictionary<string, string> Items);
