using System.Collections.Concurrent;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Custodian.Staff;

/// <summary>Loads the role rules before the view filter needs them; never refuses.</summary>
internal sealed class RoleRulesRefresh(RoleRules rules) : IGateCheck
{
    public async ValueTask<Failure?> CheckAsync(GateRequest request, CustodianDb db, CancellationToken cancellationToken)
    {
        await rules.EnsureFreshAsync(db, cancellationToken);
        return null;
    }
}

/// <summary>
/// Staff see only the categories of information their role is allowed (policy: "limitation of employees who can
/// view the information according to the type of information"). Applied inside the gate, so API, console,
/// exports and letters all get the same masked view.
/// </summary>
internal sealed class CategoryViewFilter(RoleRules rules) : IGateViewFilter
{
    public IReadOnlyDictionary<string, string> Filter(GateRequest request, IReadOnlyDictionary<string, string> items)
    {
        // A person reading their own data (disclosure) is never limited by a staff role.
        if (request.Actor.Kind is ActorKind.Person or ActorKind.System || rules.Views(request.Actor.Role) is not { } views)
        {
            return items;
        }

        var shown = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, value) in items)
        {
            var category = request.Policy.FindItem(id)?.Category;
            var mode = category is not null && views.TryGetValue(category, out var m) ? m : ViewMode.Hidden;
            if (ViewModes.Apply(mode, value) is { } masked)
            {
                shown[id] = masked;
            }
        }

        return shown;
    }
}

/// <summary>Staff handle personal data only with this year's training and a signed confidentiality pledge.</summary>
/// <remarks>
/// A member of staff found ready is believed for a few seconds, so a burst of reads asks the database once; training
/// only lapses with time, so the belief is at most that late. A refusal is never kept: training just recorded counts at once.
/// </remarks>
internal sealed class TrainingCheck(IOptionsMonitor<StaffOptions> options, TimeProvider time) : IGateCheck
{
    private static readonly TimeSpan Believed = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _readyAt = new();

    public static readonly Failure Untrained = Failure.Refused(
        "staff.training-required", "Personal data is shown only to staff with this year's training and a signed confidentiality pledge.");

    public async ValueTask<Failure?> CheckAsync(GateRequest request, CustodianDb db, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (!settings.RequireTraining || request.Actor.Kind != ActorKind.Staff)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (_readyAt.TryGetValue(request.Actor.Id, out var checkedAt) && now - checkedAt < Believed)
        {
            return null;
        }

        var since = now.UtcDateTime.AddDays(-settings.TrainingValidDays);
        var ready = await db.Set<StaffAccount>().AsNoTracking()
            .AnyAsync(a => a.Id == request.Actor.Id && a.TrainedAt != null && a.TrainedAt > since && a.PledgeSignedAt != null, cancellationToken);
        if (!ready)
        {
            _readyAt.TryRemove(request.Actor.Id, out _);
            return Untrained;
        }

        _readyAt[request.Actor.Id] = now;
        return null;
    }
}
