using System.Globalization;
using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Provision;

/// <summary>Provision records as the person's disclosure, the company's view and the CSV export read them.</summary>
internal static class ProvisionRecords
{
    /// <summary>APPI asks for three years; a record is never disposed of before this instant.</summary>
    public static DateTime KeepUntil(DateTime providedAt) => providedAt.AddYears(3);

    /// <summary>
    /// The one search the API, the console and the command line share: by person or company and period, the
    /// export itself audited.
    /// </summary>
    public static async Task<Result<List<ProvisionRecord>>> SearchAsync(
        CustodianDb db, AuditLog audit, Actor actor, Guid? personId, Guid? companyId, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        if (personId is null && companyId is null)
        {
            return Failure.Invalid("personId", "records.filter", "Give personId or companyId.");
        }

        if (from is { } start && to is { } end && end <= start)
        {
            return Failure.Invalid("to", "records.period", "to must be after from.");
        }

        var records = await QueryAsync(db, personId, companyId, Day(from), Day(to), cancellationToken);
        await NameCompaniesAsync(db, records, cancellationToken);
        await audit.RecordAsync(new(AuditEventType.ProvisionRecordsExported, actor.AuditName, PersonId: personId, Subject: companyId?.ToString()), cancellationToken);
        return records;
    }

    /// <summary>
    /// A record to a client company keeps only the company's id; readers (the console, the CSV's recipient column, the
    /// API) get its current name. The records are read without tracking, so nothing here is written back.
    /// </summary>
    private static async Task NameCompaniesAsync(CustodianDb db, List<ProvisionRecord> records, CancellationToken cancellationToken)
    {
        var ids = records.Where(r => r.RecipientName is null).Select(r => r.CompanyId).OfType<Guid>().Distinct().ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var names = await db.Set<ClientCompany>().AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        foreach (var record in records.Where(r => r.RecipientName is null && r.CompanyId is { } id && names.ContainsKey(id)))
        {
            record.RecipientName = names[record.CompanyId!.Value];
        }
    }

    public static async Task<List<ProvisionRecord>> QueryAsync(
        CustodianDb db, Guid? personId, Guid? companyId, DateTime? from, DateTime? to, CancellationToken cancellationToken)
    {
        var query = db.Set<ProvisionRecord>().AsNoTracking();
        if (personId is { } person)
        {
            query = query.Where(r => r.PersonId == person);
        }

        if (companyId is { } company)
        {
            query = query.Where(r => r.CompanyId == company);
        }

        if (from is { } start)
        {
            query = query.Where(r => r.ProvidedAt >= start);
        }

        if (to is { } end)
        {
            query = query.Where(r => r.ProvidedAt < end);
        }

        // Version 7 ids follow time: ordering by id avoids comparing instants in SQL.
        return await query.OrderBy(r => r.Id).ToListAsync(cancellationToken);
    }

    public static async Task WriteCsvAsync(IEnumerable<ProvisionRecord> records, TextWriter output, CancellationToken cancellationToken)
    {
        await using var csv = Common.CsvExport.Open(output);
        string[] header =
        [
            "id", "provided_at", "person_id", "recipient_kind", "company_id", "recipient", "items", "method", "consent_record_id",
            "ground", "authority_reference", "requested_by", "approved_by", "policy_id", "policy_version", "batch_id", "keep_until",
            "joint_user", "country", "purpose",
        ];
        foreach (var name in header)
        {
            csv.WriteField(name);
        }

        await csv.NextRecordAsync();
        foreach (var r in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            object?[] row =
            [
                r.Id, Iso(r.ProvidedAt), r.PersonId, r.RecipientKind, r.CompanyId, r.RecipientName, r.Items, r.Method, r.ConsentRecordId,
                r.Ground, r.AuthorityReference, r.RequestedBy, r.ApprovedBy, r.PolicyId, r.PolicyVersion, r.BatchId, Iso(r.KeepUntil),
                r.JointUser, r.Country, r.Purpose,
            ];
            foreach (var field in row)
            {
                csv.WriteField(field?.ToString() ?? "");
            }

            await csv.NextRecordAsync();
        }
    }

    private static DateTime? Day(DateOnly? day) => day?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    private static string Iso(DateTime instant) => instant.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
