using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Incidents;

/// <summary>An incident with what is computed from it: the assessment and, while they apply, the report dates.</summary>
public sealed record IncidentView(Incident Incident, Assessment Assessment, ReportDates Deadlines, IReadOnlyList<IncidentEvent> Timeline, int PersonsListed);

/// <summary>
/// The incident register: entering, changing, assessing and closing incidents. Every change commits with a timeline
/// line and an audit event that names the incident and codes only.
/// </summary>
public sealed class IncidentRegister(
    IDbContextFactory<CustodianDb> factory, AuditLog audit, TimeProvider time, ReportableAssessor assessor, ReportDeadlines deadlines,
    Policy.PolicyStore policies)
{
    public const int MaxPersons = 1_000_000;

    public static readonly Failure Unknown = Failure.NotFound("incident.unknown", "No incident has this id.");

    public static readonly Failure ReportDue = Failure.Invalid("status", "incident.report-due",
        "The incident is reportable and a report to the PPC is still due; record the preliminary and final reports before closing.");

    private readonly IncidentValidation _validation = new(policies, time);

    public async Task<Result<IncidentView>> RegisterAsync(Actor actor, IncidentInput input, string? detectedBy = null, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var incident = new Incident { Id = Guid.CreateVersion7(), Status = IncidentStatus.Suspected, DetectedBy = detectedBy, CreatedAt = now, UpdatedAt = now };
        // A detection opened by the schedule or a service has no staff member who learned of it yet.
        var noLearner = detectedBy is not null && actor.Kind != ActorKind.Staff;
        var (_, errors) = await _validation.ApplyAsync(db, incident, input, registering: true, cancellationToken, noLearner);
        if (errors.Count > 0)
        {
            return Failure.Validation(errors);
        }

        db.Add(incident);
        Timeline(db, incident, actor, "registered", incident.Cause.Name());
        await audit.CommitAsync(db, [Entry(AuditEventType.IncidentRegistered, actor, incident, incident.Cause.Name())], async (tx, ct) =>
        {
            // Numbered inside the audit log's commit, which one writer holds at a time.
            incident.Number = (await tx.Set<Incident>().Where(i => i.Id != incident.Id).MaxAsync(i => (int?)i.Number, ct) ?? 0) + 1;
            await tx.SaveChangesAsync(ct);
        }, cancellationToken);
        return await GetAsync(incident.Id, cancellationToken);
    }

    public async Task<Result<IncidentView>> ChangeAsync(Actor actor, Guid id, IncidentInput input, CancellationToken cancellationToken = default) =>
        await ModifyAsync(actor, id, cancellationToken, async (db, incident) =>
        {
            var (changed, errors) = await _validation.ApplyAsync(db, incident, input, registering: false, cancellationToken);
            if (errors.Count > 0)
            {
                return Failure.Validation(errors);
            }

            var fields = string.Join(',', changed);
            return changed.Count == 0 ? null : (new IncidentChange("changed", fields, AuditEventType.IncidentChanged, fields));
        });

    /// <summary>A new status. Reported statuses stamp the report's date; closing is refused while a report is due.</summary>
    public async Task<Result<IncidentView>> SetStatusAsync(Actor actor, Guid id, string? status, CancellationToken cancellationToken = default)
    {
        if (!IncidentCauses.TryParseStatus(status, out var next))
        {
            return IncidentCauses.UnknownStatus();
        }

        return await ModifyAsync(actor, id, cancellationToken, (_, incident) =>
        {
            if (incident.Status == next)
            {
                return Task.FromResult<Result<IncidentChange?>>((IncidentChange?)null);
            }

            var now = time.GetUtcNow().UtcDateTime;
            if (next is IncidentStatus.ReportedPreliminary or IncidentStatus.ReportedFinal)
            {
                incident.PreliminaryReportedAt ??= now;
            }

            if (next == IncidentStatus.ReportedFinal)
            {
                incident.FinalReportedAt ??= now;
            }

            if (next == IncidentStatus.Closed)
            {
                if (assessor.Assess(incident).ReportsDue && incident.FinalReportedAt is null)
                {
                    return Task.FromResult<Result<IncidentChange?>>(ReportDue);
                }

                incident.ClosedAt = now;
            }
            else
            {
                incident.ClosedAt = null;
            }

            incident.Status = next;
            return Task.FromResult<Result<IncidentChange?>>(new IncidentChange("status", next.Name(), AuditEventType.IncidentStatusSet, next.Name()));
        });
    }

    /// <summary>The office's decision over the rule, with its reason; null withdraws it.</summary>
    public async Task<Result<IncidentView>> OverrideAsync(Actor actor, Guid id, bool? reportable, string? reason, CancellationToken cancellationToken = default)
    {
        if (reportable is not null && string.IsNullOrWhiteSpace(reason))
        {
            return Failure.Invalid("reason", "incident.override-reason", "An override needs its reason.");
        }

        if (reason?.Length > IncidentValidation.MaxText)
        {
            return Failure.Invalid("reason", "incident.override-reason", $"At most {IncidentValidation.MaxText} characters.");
        }

        return await ModifyAsync(actor, id, cancellationToken, (_, incident) =>
        {
            incident.ReportableOverride = reportable;
            incident.OverrideReason = reportable is null ? null : reason!.Trim();
            var decision = reportable switch { true => "reportable", false => "not-reportable", null => "withdrawn" };
            return Task.FromResult<Result<IncidentChange?>>(new IncidentChange("assessment-overridden", decision, AuditEventType.IncidentAssessmentOverridden, decision));
        });
    }

    /// <summary>Replaces the affected persons with <paramref name="personIds"/>, every one a person in the vault, and counts them.</summary>
    public async Task<Result<IncidentView>> SetPersonsAsync(Actor actor, Guid id, IReadOnlyCollection<Guid>? personIds, CancellationToken cancellationToken = default)
    {
        if (personIds is null || personIds.Count > MaxPersons)
        {
            return Failure.Invalid("personIds", "incident.persons", $"A list of 0 to {MaxPersons} person ids.");
        }

        var distinct = personIds.Distinct().ToList();
        return await ModifyAsync(actor, id, cancellationToken, async (db, incident) =>
        {
            var known = new HashSet<Guid>();
            foreach (var chunk in distinct.Chunk(500))
            {
                known.UnionWith(await db.Set<Vault.Person>().Where(p => chunk.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken));
            }

            if (distinct.FirstOrDefault(p => !known.Contains(p)) is var missing && missing != Guid.Empty)
            {
                return Failure.Invalid("personIds", "incident.person-unknown", $"Person {missing} is not in the register.");
            }

            db.RemoveRange(await db.Set<IncidentPerson>().Where(p => p.IncidentId == id).ToListAsync(cancellationToken));
            var now = time.GetUtcNow().UtcDateTime;
            db.AddRange(distinct.Select(p => new IncidentPerson { IncidentId = id, PersonId = p, AddedAt = now }));
            incident.AffectedCount = distinct.Count;
            var count = distinct.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new IncidentChange("persons", count, AuditEventType.IncidentPersonsSet, count);
        });
    }

    /// <summary>Adds a timeline line and its audit event for an action taken elsewhere (a containment step), in <paramref name="db"/>'s commit.</summary>
    internal AuditEntry Link(CustodianDb db, Incident incident, Actor actor, string kind, string subject)
    {
        incident.UpdatedAt = time.GetUtcNow().UtcDateTime;
        Timeline(db, incident, actor, kind, subject);
        return Entry(AuditEventType.IncidentContained, actor, incident, $"{kind}:{subject}");
    }

    /// <summary>A timeline line and its audit event for a change another part of the module makes, in <paramref name="db"/>'s commit.</summary>
    internal AuditEntry Record(CustodianDb db, Incident incident, Actor actor, string kind, string? detail, AuditEventType type, string? reason)
    {
        incident.UpdatedAt = time.GetUtcNow().UtcDateTime;
        Timeline(db, incident, actor, kind, detail);
        return Entry(type, actor, incident, reason);
    }

    public async Task<Result<IncidentView>> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<Incident>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken) is not { } incident)
        {
            return Unknown;
        }

        var timeline = await db.Set<IncidentEvent>().AsNoTracking().Where(e => e.IncidentId == id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        var persons = await db.Set<IncidentPerson>().CountAsync(p => p.IncidentId == id, cancellationToken);
        return View(incident, timeline, persons);
    }

    /// <summary>The id of the incident named by its id or its number (#N, as the office calls it), or null.</summary>
    public async Task<Guid?> FindAsync(string? incident, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var incidents = db.Set<Incident>().AsNoTracking();
        return Guid.TryParse(incident, out var id) ? await incidents.Where(i => i.Id == id).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(cancellationToken)
            : int.TryParse(incident, System.Globalization.CultureInfo.InvariantCulture, out var number) ? await incidents.Where(i => i.Number == number).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(cancellationToken)
            : null;
    }

    /// <summary>Incidents, newest first; open ones only unless <paramref name="all"/>.</summary>
    public async Task<IReadOnlyList<IncidentView>> ListAsync(bool all, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var query = db.Set<Incident>().AsNoTracking();
        if (!all)
        {
            query = query.Where(i => i.Status != IncidentStatus.Closed);
        }

        var incidents = await query.OrderByDescending(i => i.Number).Take(limit).ToListAsync(cancellationToken);
        return [.. incidents.Select(i => View(i, [], 0))];
    }

    /// <summary>How many incidents are open in each status (closed ones are not counted): the home dashboard's figures.</summary>
    public async Task<IReadOnlyDictionary<IncidentStatus, int>> OpenCountsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Set<Incident>().AsNoTracking().Where(i => i.Status != IncidentStatus.Closed)
            .GroupBy(i => i.Status).Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
    }

    /// <summary>The persons listed for an incident, by id.</summary>
    public async Task<IReadOnlyList<Guid>> PersonsAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Set<IncidentPerson>().Where(p => p.IncidentId == id).Select(p => p.PersonId).ToListAsync(cancellationToken);
    }

    internal IncidentView View(Incident incident, IReadOnlyList<IncidentEvent> timeline, int persons) =>
        new(incident, assessor.Assess(incident), deadlines.For(ReportDeadlines.LearnedOn(incident.LearnedAt), incident.Cause), timeline, persons);

    private async Task<Result<IncidentView>> ModifyAsync(
        Actor actor, Guid id, CancellationToken cancellationToken, Func<CustodianDb, Incident, Task<Result<IncidentChange?>>> change)
    {
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Set<Incident>().FirstOrDefaultAsync(i => i.Id == id, cancellationToken) is not { } incident)
            {
                return Unknown;
            }

            var result = await change(db, incident);
            if (!result.Succeeded)
            {
                return result.Failure!;
            }

            if (result.Value is { } made)
            {
                incident.UpdatedAt = time.GetUtcNow().UtcDateTime;
                Timeline(db, incident, actor, made.Kind, made.Detail);
                await audit.CommitAsync(db, [Entry(made.Type, actor, incident, made.Reason)], cancellationToken);
            }
        }

        return await GetAsync(id, cancellationToken);
    }

    private void Timeline(CustodianDb db, Incident incident, Actor actor, string kind, string? detail) =>
        db.Add(new IncidentEvent
        {
            Id = Guid.CreateVersion7(), IncidentId = incident.Id, At = time.GetUtcNow().UtcDateTime, Actor = actor.AuditName, Kind = kind, Detail = detail,
        });

    private static AuditEntry Entry(AuditEventType type, Actor actor, Incident incident, string? reason) =>
        new(type, actor.AuditName, Reason: reason, Subject: incident.Id.ToString());

    private sealed record IncidentChange(string Kind, string? Detail, AuditEventType Type, string? Reason);
}
