namespace Custodian.Policy;

/// <summary>The policies loaded at start, by id. Persons, consents and records name the policy and version they were made under.</summary>
public sealed class PolicyStore
{
    public PolicyStore(IEnumerable<PrivacyPolicy> policies, string defaultPolicyId)
    {
        All = policies.ToDictionary(p => p.Id, StringComparer.Ordinal);
        Default = All.TryGetValue(defaultPolicyId, out var policy)
            ? policy
            : throw new InvalidOperationException($"Default policy '{defaultPolicyId}' is not among the loaded policies.");
    }

    public IReadOnlyDictionary<string, PrivacyPolicy> All { get; }
    public PrivacyPolicy Default { get; }

    public PrivacyPolicy? Find(string id) => All.GetValueOrDefault(id);
}
