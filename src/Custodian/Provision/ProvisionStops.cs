using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Provision;

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
        var open = await db.Set<Entry>().Where(e => e.PersonId == personId && e.State == EntryState.Open).ToListAsync(cancellationToken);
        var audited = new List<AuditEntry> { new(AuditEventType.ProvisionStopRequested, actor.AuditName, PersonId: personId) };
        audited.AddRange(await entries.WithdrawAsync(db, actor, open, EntryReasons.ProvisionStopped, cancellationToken));
        await audit.CommitAsync(db, audited, cancellationToken);
        return open.Count;
    }
}
