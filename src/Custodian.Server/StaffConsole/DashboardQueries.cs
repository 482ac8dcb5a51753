using Custodian.Gate;
using Custodian.Policy;
using Custodian.PrivacyCentre;
using Custodian.Provision;
using Custodian.Requests;
using Custodian.Staff;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.StaffConsole;

/// <summary>Open requests by how many business days are left: one bar of the deadline horizon.</summary>
public sealed record HorizonBar(string Label, string Filter, int Count);

/// <summary>The requests section's figures; every count is a link to the list it counts.</summary>
public sealed record RequestFigures(DateOnly Today, int Open, int Paused, int DueSoon, int AtRisk, int Overdue, IReadOnlyList<HorizonBar> Horizon);

/// <summary>How many, and since when the oldest has waited.</summary>
public sealed record Waiting(int Count, DateTime? OldestSince);

/// <summary>
/// What the home page counts. Each figure is one aggregate query (COUNT or GROUP BY in SQL): the page must stay fast
/// with 100,000 persons and 10,000 open requests, so no section loads rows to count them.
/// </summary>
internal sealed class DashboardQueries(IDbContextFactory<CustodianDb> factory, RequestRecords records, PolicyStore policies)
{
    /// <summary>The horizon's buckets: business days left up to 10, then everything later.</summary>
    private const int HorizonDays = 10;

    /// <summary>Open requests whose clock runs, by due date (one row per policy and day), folded into figures per policy calendar.</summary>
    public async Task<RequestFigures> RequestsAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var groups = await db.Set<DataRequest>().AsNoTracking()
            .Where(r => RequestRecords.Unanswered.Contains(r.State))
            .GroupBy(r => new { r.PolicyId, r.DueOn, Paused = r.PausedSince != null })
            .Select(g => new { g.Key.PolicyId, g.Key.DueOn, g.Key.Paused, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var today = records.Today(policies.Default);
        var buckets = new int[HorizonDays + 3];
        int open = 0, paused = 0, soon = 0, atRisk = 0, overdue = 0;
        foreach (var byPolicy in groups.GroupBy(g => g.PolicyId))
        {
            var window = DueWindow.Of(records, policies.Find(byPolicy.Key) ?? policies.Default, HorizonDays);
            foreach (var g in byPolicy)
            {
                open += g.Count;
                if (g.Paused || g.DueOn is not { } due)
                {
                    paused += g.Paused ? g.Count : 0;
                    continue;
                }

                var left = window.BusinessDaysLeft(due);
                buckets[left < 0 ? 0 : Math.Min(left, HorizonDays + 1) + 1] += g.Count;
                overdue += left < 0 ? g.Count : 0;
                atRisk += left is >= 0 and <= 2 ? g.Count : 0;
                soon += left is >= 0 and <= 5 ? g.Count : 0;
            }
        }

        var horizon = new List<HorizonBar>(buckets.Length) { new("overdue", "overdue", buckets[0]) };
        horizon.AddRange(Enumerable.Range(0, HorizonDays + 1).Select(d => new HorizonBar(d.ToString(System.Globalization.CultureInfo.InvariantCulture), "days-" + d, buckets[d + 1])));
        horizon.Add(new HorizonBar($"{HorizonDays + 1}+", "later", buckets[HorizonDays + 2]));
        return new RequestFigures(today, open, paused, soon, atRisk, overdue, horizon);
    }

    /// <summary>The open requests one dashboard figure counts, most urgent first.</summary>
    public async Task<IReadOnlyList<DueRow>> RequestsDueAsync(string filter, int take, CancellationToken cancellationToken)
    {
        var window = DueWindow.Of(records, policies.Default, HorizonDays);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var open = db.Set<DataRequest>().AsNoTracking().Where(r => RequestRecords.Unanswered.Contains(r.State));
        open = filter switch
        {
            "paused" => open.Where(r => r.PausedSince != null),
            "overdue" => Running(open).Where(r => r.DueOn < window.Today),
            "at-risk" => Running(open).Where(r => r.DueOn >= window.Today && r.DueOn <= window.By(2)),
            "soon" => Running(open).Where(r => r.DueOn >= window.Today && r.DueOn <= window.By(5)),
            "later" => Running(open).Where(r => r.DueOn > window.By(HorizonDays)),
            _ when filter.StartsWith("days-", StringComparison.Ordinal) && int.TryParse(filter[5..], out var d) && d is >= 0 and <= HorizonDays =>
                Running(open).Where(r => r.DueOn > (d == 0 ? window.Today.AddDays(-1) : window.By(d - 1)) && r.DueOn <= window.By(d)),
            _ => open,
        };
        return await open.OrderBy(r => r.DueOn).ThenBy(r => r.Id).Take(take)
            .Select(r => new DueRow(r.Id, r.Reference, r.Type, r.State, r.DueOn ?? DateOnly.MinValue, r.PolicyId)).ToListAsync(cancellationToken);
    }

    public static bool IsRequestFilter(string? filter) =>
        filter is "paused" or "overdue" or "at-risk" or "soon" or "later"
        || (filter is not null && filter.StartsWith("days-", StringComparison.Ordinal) && int.TryParse(filter[5..], out var d) && d is >= 0 and <= HorizonDays);

    private static IQueryable<DataRequest> Running(IQueryable<DataRequest> open) => open.Where(r => r.PausedSince == null && r.DueOn != null);

    public async Task<Waiting> UnansweredInquiriesAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await WaitingAsync(db.Set<Inquiry>().Where(i => i.State == InquiryState.Open).Select(i => (DateTime?)i.ReceivedAt), cancellationToken);
    }

    public async Task<Waiting> ProvisionAwaitingApprovalAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await WaitingAsync(
            db.Set<ProvisionRequest>().Where(r => r.ApprovedBy == null && r.RejectedBy == null).Select(r => (DateTime?)r.RequestedAt), cancellationToken);
    }

    /// <summary>Devices waiting for this approver: an administrator's are everyone else's; an information manager's, their departments'.</summary>
    public async Task<Waiting> DevicesAwaitingApprovalAsync(Actor viewer, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var pending = db.Set<StaffDevice>().Where(d => d.ApprovedAt == null && d.RevokedAt == null && d.AccountId != viewer.Id);
        if (viewer.Role != StaffRoles.Administrator)
        {
            var managed = db.Set<StaffDepartment>().Where(d => d.ManagerId == viewer.Id).Select(d => (Guid?)d.Id);
            var accounts = db.Set<StaffAccount>().Where(a => managed.Contains(a.DepartmentId)).Select(a => a.Id);
            pending = pending.Where(d => accounts.Contains(d.AccountId));
        }

        return await WaitingAsync(pending.Select(d => (DateTime?)d.CreatedAt), cancellationToken);
    }

    // Count and oldest in one aggregate row, not the rows themselves.
    private static async Task<Waiting> WaitingAsync(IQueryable<DateTime?> since, CancellationToken cancellationToken)
    {
        var figure = await since.GroupBy(_ => 1).Select(g => new { Count = g.Count(), Oldest = g.Min() }).FirstOrDefaultAsync(cancellationToken);
        return figure is null ? new Waiting(0, null) : new Waiting(figure.Count, figure.Oldest);
    }

    /// <summary>Today and the last date of each number of business days from it, in one policy's calendar.</summary>
    private sealed class DueWindow
    {
        private readonly DateOnly[] _by;

        private DueWindow(DateOnly today, DateOnly[] by) => (Today, _by) = (today, by);

        public DateOnly Today { get; }

        public static DueWindow Of(RequestRecords records, PrivacyPolicy policy, int days)
        {
            var calendar = records.CalendarOf(policy);
            var today = records.Today(policy);
            return new DueWindow(today, [.. Enumerable.Range(0, days + 1).Select(d => calendar.AddBusinessDays(today, d).Value)]);
        }

        public DateOnly By(int businessDays) => _by[businessDays];

        /// <summary>-1 when overdue; days + 1 when later than the window.</summary>
        public int BusinessDaysLeft(DateOnly due)
        {
            if (due < Today)
            {
                return -1;
            }

            for (var d = 0; d < _by.Length; d++)
            {
                if (due <= _by[d])
                {
                    return d;
                }
            }

            return _by.Length;
        }
    }
}
