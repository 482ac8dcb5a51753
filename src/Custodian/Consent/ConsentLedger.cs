using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Consent;

/// <summary>The current state of consent is derived from the ledger: the latest record per person and purpose wins.</summary>
public sealed class ConsentLedger(TimeProvider time)
{
    public ConsentRecord Append(CustodianDb db, Guid personId, string purpose, bool given, string policyId, string policyVersion, string channel, string? evidenceHash = null) =>
        Append(db, personId, purpose, given, policyId, policyVersion, new ConsentEvidence(channel, evidenceHash));

    /// <summary>Stages one line; the caller commits it with its audit event through <c>AuditLog.CommitAsync</c>.</summary>
    public ConsentRecord Append(CustodianDb db, Guid personId, string purpose, bool given, string policyId, string policyVersion, ConsentEvidence evidence)
    {
        var record = NewRecord(personId, purpose, given, policyId, policyVersion, evidence);
        db.Add(record);
        return record;
    }

    /// <summary>A ledger line not yet written, for callers that write rows in bulk.</summary>
    public ConsentRecord NewRecord(Guid personId, string purpose, bool given, string policyId, string policyVersion, ConsentEvidence evidence)
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
            Channel = evidence.Channel,
            EvidenceHash = evidence.TextHash,
            AnonymizedIp = evidence.AnonymizedIp,
            UserAgent = ConsentEvidence.TrimUserAgent(evidence.UserAgent),
            EvidenceReference = evidence.Reference?.Trim(),
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

    /// <summary>The person's whole ledger, oldest first, for the person and for staff answering a disclosure request.</summary>
    public static Task<List<ConsentRecord>> HistoryAsync(CustodianDb db, Guid personId, CancellationToken cancellationToken) =>
        db.Set<ConsentRecord>().AsNoTracking().Where(c => c.PersonId == personId)
            .OrderBy(c => c.At).ThenBy(c => c.Id).ToListAsync(cancellationToken);

    /// <summary>Persons whose latest line for <paramref name="purpose"/> is a consent given.</summary>
    public static async Task<List<Guid>> GivenForAsync(CustodianDb db, string purpose, CancellationToken cancellationToken)
    {
        // Derived in memory: the latest line per person, by time then id, exactly as IsGivenAsync orders them.
        var lines = await db.Set<ConsentRecord>().AsNoTracking().Where(c => c.Purpose == purpose)
            .Select(c => new { c.PersonId, c.Given, c.At, c.Id }).ToListAsync(cancellationToken);
        return lines.GroupBy(c => c.PersonId)
            .Select(g => g.OrderByDescending(c => c.At).ThenByDescending(c => c.Id).First())
            .Where(c => c.Given).Select(c => c.PersonId).Order().ToList();
    }
}
