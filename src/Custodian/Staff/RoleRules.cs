using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Staff;

/// <summary>
/// The roles' view limits and networks, held in memory because the gate's view filters are synchronous. Reloaded
/// when this process changes them and at most a few seconds after another server does.
/// </summary>
internal sealed class RoleRules(TimeProvider time)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    private volatile Snapshot _snapshot = new(new Dictionary<string, Rule>(StringComparer.Ordinal), DateTimeOffset.MinValue);

    private sealed record Snapshot(IReadOnlyDictionary<string, Rule> Roles, DateTimeOffset LoadedAt);

    // Parsed once per load: the gate asks on every read, and parsing there cost more than the rest of the decision.
    private sealed record Rule(IReadOnlyDictionary<string, ViewMode>? Views, string Networks, bool RequireRegisteredDevice);

    public async ValueTask EnsureFreshAsync(CustodianDb db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now - _snapshot.LoadedAt < MaxAge)
        {
            return;
        }

        var roles = await db.Set<StaffRole>().AsNoTracking().ToListAsync(cancellationToken);
        _snapshot = new Snapshot(
            roles.ToDictionary(r => r.Role, r => new Rule(r.Views.Length > 0 ? ViewModes.Parse(r.Views) : null, r.Networks, r.RequireRegisteredDevice), StringComparer.Ordinal), now);
    }

    public void Invalidate() => _snapshot = _snapshot with { LoadedAt = DateTimeOffset.MinValue };

    /// <summary>The role's view per category, or null when the role sees everything.</summary>
    public IReadOnlyDictionary<string, ViewMode>? Views(string role) => _snapshot.Roles.TryGetValue(role, out var r) ? r.Views : null;

    public string Networks(string role) => _snapshot.Roles.TryGetValue(role, out var r) ? r.Networks : "";

    public bool RequiresDevice(string role) => _snapshot.Roles.TryGetValue(role, out var r) && r.RequireRegisteredDevice;
}
