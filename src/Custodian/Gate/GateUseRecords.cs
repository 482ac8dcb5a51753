using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Gate;

/// <summary>The rows the modules keep of allowed uses, by person, written inside the audit commit.</summary>
internal static class GateUseRecords
{
    /// <summary>The rows of one use, or null when no module keeps one: the common read allocates nothing here.</summary>
    public static List<(Guid PersonId, object Row)>? For(IGateUseRecord[] recorders, GateRequest request, DateTime at)
    {
        List<(Guid PersonId, object Row)>? rows = null;
        foreach (var recorder in recorders)
        {
            if (recorder.RecordFor(request, at) is { } row)
            {
                (rows ??= []).Add((request.Person.Id, row));
            }
        }

        return rows;
    }

    /// <summary>Runs under the audit chain's lock: a person erased meanwhile holds no key any more and gets no record.</summary>
    public static async Task WriteAsync(CustodianDb db, IReadOnlyList<(Guid PersonId, object Row)> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var persons = rows.Select(r => r.PersonId).Distinct().ToList();
        var held = (await db.Set<PersonKey>().AsNoTracking().Where(k => persons.Contains(k.PersonId)).Select(k => k.PersonId).ToListAsync(cancellationToken)).ToHashSet();
        var kept = rows.Where(r => held.Contains(r.PersonId)).Select(r => r.Row).ToList();
        if (kept.Count > 0)
        {
            db.AddRange(kept);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
