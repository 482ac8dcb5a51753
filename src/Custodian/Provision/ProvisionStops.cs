using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Provision;

/// <summary>A person's stop: whether it is in force, and each entry with the company and when it was told.</summary>
internal sealed record StopState(Guid PersonId, bool ProvisionStopped, IReadOnlyList<StoppedEntry> Entries);

/// <summary>A stop staged on a context: how many entries it withdrew, and the audit entries to commit with it.</summary>
internal sealed record StagedStop(int Withdrawn, List<AuditEntry> Audited);

internal sealed record StoppedEntry(Guid EntryId, Guid CompanyId, string Company, string State, DateTime EnteredAt, DateTime? WithdrawnAt, string? WithdrawnReason, DateTime? CompanyToldAt);

/// <summary>
/// "We may cease the provision ... if you request": the person's flag makes the gate refuse every later provision,
/// their open entries are withdrawn and each company is told, in one transaction with its audit events.
/// </summary>
internal sealed class ProvisionStops(IDbContextFactory<CustodianDb> factory, AuditLog audit, Entries entries, TimeProvider time)
{
    public async Task<Result<int>> StopAsync(Actor actor, Guid personId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var person = await db.Set<Person>().FirstOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null)
        {
            return Failure.NotFound("person.unknown", "No person has this id.");
        }

        var staged = await StageAsync(db, actor, person, subject: null, cancellationToken);
        if (staged.Failure is { } failure)
        {
            return failure;
        }

        await audit.CommitAsync(db, staged.Value!.Audited, cancellationToken);
        return staged.Value.Withdrawn;
    }

    /// <summary>
    /// The stop itself, staged on <paramref name="db"/> for the caller to commit with the audit entries: the flag, the
    /// open entries withdrawn with each company told, and the consent withdrawn. A fulfilled request to discontinue
    /// provision runs exactly this, naming itself as <paramref name="subject"/>.
    /// </summary>
    internal async Task<Result<StagedStop>> StageAsync(CustodianDb db, Actor actor, Person person, string? subject, CancellationToken cancellationToken)
    {
        if (person.State == PersonState.Erased)
        {
            return Failure.Gone("person.erased", "This person's data has been erased.");
        }

        if (person.ProvisionStopped)
        {
            return Failure.Conflict("person.provision-stopped", "Provision to third parties is already stopped for this person.");
        }

        person.ProvisionStopped = true;
        person.UpdatedAt = time.GetUtcNow().UtcDateTime;
        person.Version++;
        var open = await db.Set<Entry>().Where(e => e.PersonId == person.Id && e.State == EntryState.Open).ToListAsync(cancellationToken);
        var audited = new List<AuditEntry> { new(AuditEventType.ProvisionStopRequested, actor.AuditName, PersonId: person.Id, Subject: subject) };
        audited.AddRange(await entries.WithdrawAsync(db, actor, open, EntryReasons.ProvisionStopped, cancellationToken));
        return new StagedStop(open.Count, audited);
    }

    /// <summary>
    /// The person asks that provision may resume. Withdrawn entries stay withdrawn and the consent stays withdrawn:
    /// a new entry is a new consent.
    /// </summary>
    public async Task<Result<bool>> ClearAsync(Actor actor, Guid personId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var person = await db.Set<Person>().FirstOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null)
        {
            return Failure.NotFound("person.unknown", "No person has this id.");
        }

        if (!person.ProvisionStopped)
        {
            return Failure.Conflict("person.provision-not-stopped", "Provision to third parties is not stopped for this person.");
        }

        person.ProvisionStopped = false;
        person.UpdatedAt = time.GetUtcNow().UtcDateTime;
        person.Version++;
        await audit.CommitAsync(db, [new(AuditEventType.ProvisionStopCleared, actor.AuditName, PersonId: personId)], cancellationToken);
        return false;
    }

    public async Task<Result<StopState>> StateAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var person = await db.Set<Person>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null)
        {
            return Failure.NotFound("person.unknown", "No person has this id.");
        }

        var entries = await (
                from e in db.Set<Entry>().AsNoTracking()
                where e.PersonId == personId
                join c in db.Set<ClientCompany>().AsNoTracking() on e.CompanyId equals c.Id
                select new StoppedEntry(
                    e.Id, c.Id, c.Name, e.State == EntryState.Open ? "open" : "withdrawn", e.EnteredAt, e.WithdrawnAt, e.WithdrawnReason,
                    db.Set<CompanyNotice>().Where(n => n.EntryId == e.Id).Select(n => (DateTime?)n.At).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        return new StopState(personId, person.ProvisionStopped, entries.OrderBy(e => e.EntryId).ToList());
    }
}
