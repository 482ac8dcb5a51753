namespace Custodian.Incidents;

/// <summary>
/// What the office enters or changes about an incident. On registration the learning date, the learner, what happened
/// and the cause are required; on a change every field left null stays as it was.
/// </summary>
public sealed record IncidentInput(
    DateTimeOffset? LearnedAt = null,
    string? LearnedHow = null,
    Guid? LearnedBy = null,
    string? Summary = null,
    string? Cause = null,
    IReadOnlyList<string>? Policies = null,
    IReadOnlyList<string>? Items = null,
    string? Containment = null,
    int? AffectedCount = null,
    bool? Encrypted = null,
    string? KeysExposed = null);
