namespace Custodian.Policy;

/// <summary>
/// The policies loaded at start, by id, each with every version loaded. A policy's current version is the latest whose
/// effective day (UTC) has come: new persons are enrolled under it. Persons, consents and records name the policy and
/// version they were made under, and keep it until the person agrees to a later one.
/// </summary>
public sealed class PolicyStore
{
    private readonly Dictionary<string, PrivacyPolicy[]> _versions;
    private readonly string _defaultId;
    private readonly TimeProvider _time;

    public PolicyStore(IEnumerable<PrivacyPolicy> policies, string defaultPolicyId, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _versions = policies.GroupBy(p => p.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(p => p.Effective ?? DateOnly.MinValue).ToArray(), StringComparer.Ordinal);
        _defaultId = _versions.ContainsKey(defaultPolicyId)
            ? defaultPolicyId
            : throw new InvalidOperationException($"Default policy '{defaultPolicyId}' is not among the loaded policies.");
    }

    /// <summary>The current version of every policy, by id.</summary>
    public IReadOnlyDictionary<string, PrivacyPolicy> All => _versions.ToDictionary(v => v.Key, v => Current(v.Value), StringComparer.Ordinal);

    public PrivacyPolicy Default => Current(_versions[_defaultId]);

    /// <summary>The current version of the policy, or null when no policy has this id.</summary>
    public PrivacyPolicy? Find(string id) => _versions.TryGetValue(id, out var versions) ? Current(versions) : null;

    /// <summary>One version as loaded, whether or not it is in effect; null when that version is not loaded.</summary>
    public PrivacyPolicy? Find(string id, string version) =>
        _versions.TryGetValue(id, out var versions) ? Array.Find(versions, p => p.Version == version) : null;

    /// <summary>Every loaded version of the policy, oldest effective first; empty for an unknown id.</summary>
    public IReadOnlyList<PrivacyPolicy> Versions(string id) => _versions.TryGetValue(id, out var versions) ? versions : [];

    // The gate asks on every read: a policy with one version (the usual case) costs no clock reading.
    // Before its first version's day a policy still has that version: nothing earlier was ever in force here.
    private PrivacyPolicy Current(PrivacyPolicy[] versions)
    {
        if (versions.Length == 1)
        {
            return versions[0];
        }

        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        for (var i = versions.Length - 1; i > 0; i--)
        {
            if (versions[i].Effective is not { } day || day <= today)
            {
                return versions[i];
            }
        }

        return versions[0];
    }
}
