namespace Custodian.Gate;

/// <summary>Who is using personal data. Audit events name the actor by kind and id only.</summary>
public sealed record Actor(ActorKind Kind, Guid Id, string Role, IReadOnlySet<string>? AllowedPurposes = null)
{
    public static readonly Actor System = new(ActorKind.System, Guid.Empty, "system");

    public string AuditName => Kind == ActorKind.System ? "system" : $"{Kind.ToString().ToLowerInvariant()}:{Id}";

    public bool MayUse(string purpose) => AllowedPurposes is null || AllowedPurposes.Contains(purpose);

    /// <summary>The joint user (a policy's term id) whose staff or service this is; null for the operator's own.</summary>
    public string? JointUser { get; init; }
}

public enum ActorKind
{
    System,
    Staff,
    Token,
    Person,
}
