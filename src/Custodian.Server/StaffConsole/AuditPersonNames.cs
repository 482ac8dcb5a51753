using Custodian.Gate;
using Custodian.Policy;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.StaffConsole;

/// <summary>How the audit log names a person to its reader: by the name read through the gate, else by the person's state.</summary>
public sealed record PersonLabel(string? Name, PersonState State);

/// <summary>
/// Names the persons the audit log shows, for a reader who may read persons and asked for names. Each name is read
/// through the gate for the purpose the person gave their name for, and audited like any read; an erased person is
/// not read at all. A person the gate refuses keeps no name, and is never shown by id instead.
/// </summary>
internal sealed class AuditPersonNames(IDbContextFactory<CustodianDb> factory, PersonGate gate, PolicyStore policies)
{
    public async Task<IReadOnlyDictionary<Guid, PersonLabel>> OfAsync(Actor reader, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<Guid, PersonLabel>();
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var persons = await db.Set<Person>().AsNoTracking().Where(p => wanted.Contains(p.Id)).Select(p => new { p.Id, p.PolicyId, p.State }).ToListAsync(cancellationToken);
        var labels = new Dictionary<Guid, PersonLabel>();
        foreach (var person in persons)
        {
            string? name = null;
            if (person.State != PersonState.Erased && policies.Find(person.PolicyId) is { } policy && PersonFinder.NamingPurpose(policy) is { } purpose)
            {
                var read = await gate.ReadAsync(reader, person.Id, purpose.Id, cancellationToken);
                name = read.Value?.Items.GetValueOrDefault("name");
            }

            labels[person.Id] = new PersonLabel(name, person.State);
        }

        return labels;
    }
}
