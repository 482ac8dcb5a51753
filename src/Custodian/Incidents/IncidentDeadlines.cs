using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Incidents;

public enum ReportKind
{
    Preliminary,
    Final,
}

/// <summary>One report still due for an open incident.</summary>
public sealed record OpenDeadline(Guid IncidentId, int Number, IncidentStatus Status, ReportKind Report, DateOnly Due, bool Overdue);

/// <summary>Every report deadline still open, soonest first: for the incident list, the incident page and the home dashboard.</summary>
public sealed class IncidentDeadlines(IDbContextFactory<CustodianDb> factory, IncidentRegister register, TimeProvider time)
{
    public async Task<IReadOnlyList<OpenDeadline>> OpenAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var open = await db.Set<Incident>().AsNoTracking()
            .Where(i => i.Status != IncidentStatus.Closed && i.FinalReportedAt == null)
            .ToListAsync(cancellationToken);
        var today = ReportDeadlines.LearnedOn(time.GetUtcNow().UtcDateTime);
        return [.. open.SelectMany(i => Of(register.View(i, [], 0), today)).OrderBy(d => d.Due).ThenBy(d => d.Number)];
    }

    /// <summary>The deadlines still open for one incident.</summary>
    public static IEnumerable<OpenDeadline> Of(IncidentView view, DateOnly today)
    {
        var incident = view.Incident;
        if (!incident.IsOpen || !view.Assessment.DeadlinesApply)
        {
            yield break;
        }

        if (incident.PreliminaryReportedAt is null)
        {
            yield return new OpenDeadline(incident.Id, incident.Number, incident.Status, ReportKind.Preliminary, view.Deadlines.Preliminary, view.Deadlines.Preliminary < today);
        }

        if (incident.FinalReportedAt is null)
        {
            yield return new OpenDeadline(incident.Id, incident.Number, incident.Status, ReportKind.Final, view.Deadlines.Final, view.Deadlines.Final < today);
        }
    }
}
