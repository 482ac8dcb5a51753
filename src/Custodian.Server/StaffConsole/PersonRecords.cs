using Custodian.Consent;
using Custodian.Provision;
using Custodian.Requests;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.StaffConsole;

public sealed record PersonSummary(Guid Id, string PolicyId, string Channel, PersonState State, bool ProvisionStopped, DateTime RegisteredAt, IReadOnlyList<string> ItemIds);

public sealed record ConsentLine(string Purpose, bool Given, string Channel, DateTime At);

public sealed record EntryLine(string Company, bool Open, DateTime EnteredAt, DateTime? WithdrawnAt);

public sealed record ProvisionLine(string Recipient, string Items, string Method, string? Ground, DateTime ProvidedAt, string? Country = null);

public sealed record RequestLine(Guid Id, string Reference, string Type, RequestState State, DateOnly? DueOn, DateTime ReceivedAt);

/// <summary>Everything the person's page lists besides their items: rows that name the person by id, none decrypted.</summary>
public sealed record PersonFile(PersonSummary Person, IReadOnlyList<ConsentLine> Consents, IReadOnlyList<EntryLine> Entries,
    IReadOnlyList<ProvisionLine> Provisions, IReadOnlyList<RequestLine> Requests);

/// <summary>
/// The person's records across the modules, by person id (each table's own index on it), with companies by name.
/// Null for an id the vault does not hold, so the page answers 404.
/// </summary>
internal sealed class PersonRecords(IDbContextFactory<CustodianDb> factory)
{
    public async Task<PersonFile?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var person = await db.Set<Person>().AsNoTracking().Where(p => p.Id == id)
            .Select(p => new { p.Id, p.PolicyId, p.Channel, p.State, p.ProvisionStopped, p.RegisteredAt, p.ItemIds }).FirstOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return null;
        }

        var consents = (await ConsentLedger.HistoryAsync(db, id, cancellationToken)).OrderByDescending(c => c.At)
            .Select(c => new ConsentLine(c.Purpose, c.Given, c.Channel, c.At)).ToList();
        var companies = db.Set<ClientCompany>();
        var entries = await db.Set<Entry>().AsNoTracking().Where(e => e.PersonId == id).OrderByDescending(e => e.EnteredAt)
            .Select(e => new EntryLine(companies.Where(c => c.Id == e.CompanyId).Select(c => c.Name).FirstOrDefault() ?? "", e.State == EntryState.Open, e.EnteredAt, e.WithdrawnAt))
            .ToListAsync(cancellationToken);
        var provisions = await db.Set<ProvisionRecord>().AsNoTracking().Where(r => r.PersonId == id).OrderByDescending(r => r.ProvidedAt)
            .Select(r => new ProvisionLine(r.RecipientName ?? companies.Where(c => c.Id == r.CompanyId).Select(c => c.Name).FirstOrDefault() ?? "", r.Items, r.Method, r.Ground, r.ProvidedAt, r.Country))
            .ToListAsync(cancellationToken);
        var requests = await db.Set<DataRequest>().AsNoTracking().Where(r => r.PersonId == id).OrderByDescending(r => r.ReceivedAt)
            .Select(r => new RequestLine(r.Id, r.Reference, r.Type, r.State, r.DueOn, r.ReceivedAt)).ToListAsync(cancellationToken);
        var summary = new PersonSummary(person.Id, person.PolicyId, person.Channel, person.State, person.ProvisionStopped, person.RegisteredAt,
            person.ItemIds.Split(',', StringSplitOptions.RemoveEmptyEntries));
        return new PersonFile(summary, consents, entries, provisions, requests);
    }
}
