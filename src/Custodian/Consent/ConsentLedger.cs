using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Consent;

/// <summary>The current state of consent is derived from the ledger: the latest record per person and purpose wins.</summary>
public sealed class ConsentLedger(TimeProvider time)
{
    public ConsentRecord Append(CustodianDb db, Guid personId, string purpose, bool given, string policyId, string policyVersion, string channel, string? evidenceHash = null)
    {
        var record = NewRecord(personId, purpose, given, policyId, policyVersion, channel, evidenceHash);
        db.Add(record);
        return record;
    }

    /// <summary>A ledger line not yet written, for callers that write rows in bulk.</summary>
    public ConsentRecord NewRecord(Guid personId, string purpose, bool given, string policyId, string policyVersion, string channel, string? evidenceHash = null)
    {
        var at = time.GetUtcNow();
        return new ConsentRecord
        {
            Id = Guid.CreateVersion7(at),
            PersonId = personId,
            Purpose = purpose,
            Given = given,
            PolicyId = policyId,
            PolicyVersion = policyVersion,
            Channel = channel,
            EvidenceHash = evidenceHash,
            At = at.UtcDateTime,
        };
    }

    public static async Task<bool> IsGivenAsync(CustodianDb db, Guid personId, string purpose, CancellationToken cancellationToken)
    {
        var latest = await db.Set<ConsentRecord>().AsNoTracking()
            .Where(c => c.PersonId == personId && c.Purpose == purpose)
            .OrderByDescending(c => c.At).ThenByDescending(c => c.Id)
            .Select(c => (bool?)c.Given)
            .FirstOrDefaultAsync(cancellationToken);
        return latest == true;
    }
}
