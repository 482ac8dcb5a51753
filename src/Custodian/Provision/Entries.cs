using System.Runtime.CompilerServices;
using Custodian.Audit;
using Custodian.Common;
using Custodian.Consent;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Custodian.Provision;

/// <summary>A candidate's entry for a company, as asked: who, where, how, which items, and the evidence of the text shown.</summary>
public sealed record EntryRequest(Guid PersonId, Guid CompanyId, string? Method, IReadOnlyList<string>? Items, string? PolicyVersion, ConsentEvidence Evidence);

/// <summary>
/// Entries: when a candidate enters for a client company, the policy deems it their agreement to provide. The
/// consent line, the provision record and the audit events are written together, or nothing is.
/// </summary>
internal sealed class Entries(IDbContextFactory<CustodianDb> factory, PolicyStore policies, AuditLog audit, ConsentLedger ledger, EntryWriter writer, TimeProvider time)
{
    // Both are read on every entry, so compiled once per model (the SQLite and PostgreSQL models differ).
    private static readonly ConditionalWeakTable<IModel, Func<CustodianDb, Guid, CancellationToken, Task<Person?>>> PersonQueries = [];
    private static readonly ConditionalWeakTable<IModel, Func<CustodianDb, Guid, CancellationToken, Task<ClientCompany?>>> CompanyQueries = [];

    private static Task<Person?> PersonById(CustodianDb db, Guid id, CancellationToken cancellationToken) =>
        PersonQueries.GetValue(db.Model, static _ => EF.CompileAsyncQuery((CustodianDb d, Guid id, CancellationToken _) =>
            d.Set<Person>().AsNoTracking().FirstOrDefault(p => p.Id == id)))(db, id, cancellationToken);

    private static Task<ClientCompany?> CompanyById(CustodianDb db, Guid id, CancellationToken cancellationToken) =>
        CompanyQueries.GetValue(db.Model, static _ => EF.CompileAsyncQuery((CustodianDb d, Guid id, CancellationToken _) =>
            d.Set<ClientCompany>().AsNoTracking().FirstOrDefault(c => c.Id == id)))(db, id, cancellationToken);

    public async Task<Result<EntryReceipt>> EnterAsync(Actor actor, EntryRequest request, CancellationToken cancellationToken = default) =>
        await EnterAsync(actor, request, batchId: null, cancellationToken);

    /// <summary>Continuous provision to one company: the records share a batch id; each entry stands or falls alone.</summary>
    public async Task<IReadOnlyList<Result<EntryReceipt>>> EnterManyAsync(Actor actor, IReadOnlyList<EntryRequest> requests, CancellationToken cancellationToken = default)
    {
        var batchId = Guid.CreateVersion7(time.GetUtcNow());
        return await Task.WhenAll(requests.Select(r => EnterAsync(actor, r, batchId, cancellationToken)));
    }

    private async Task<Result<EntryReceipt>> EnterAsync(Actor actor, EntryRequest request, Guid? batchId, CancellationToken cancellationToken)
    {
        var staged = await StageAsync(actor, request, batchId, cancellationToken);
        if (!staged.Succeeded)
        {
            return staged.Failure!;
        }

        return await writer.WriteAsync(staged.Value!, cancellationToken);
    }

    private async Task<Result<StagedEntry>> StageAsync(Actor actor, EntryRequest request, Guid? batchId, CancellationToken cancellationToken)
    {
        Person? person;
        ClientCompany? company;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            // One connection for both reads; the queries are compiled once, not looked up per entry.
            await db.Database.OpenConnectionAsync(cancellationToken);
            person = await PersonById(db, request.PersonId, cancellationToken);
            company = await CompanyById(db, request.CompanyId, cancellationToken);
        }

        if (person is null)
        {
            return Failure.NotFound("person.unknown", "No person has this id.");
        }

        if (company is null)
        {
            return ClientCompanyRegistry.UnknownCompany;
        }

        var policy = policies.Find(person.PolicyId)!;
        var refusal = Check(actor, person, company, policy, request, out var items);
        if (refusal is not null)
        {
            await audit.RecordAsync(new(AuditEventType.EntryRefused, actor.AuditName, AuditOutcome.Refused, person.Id, ProvisionRules.ToUserCompany, Reason: refusal.Code, Subject: company.Id.ToString()), cancellationToken);
            return refusal;
        }

        return new StagedEntry(actor, person.Id, company, policy, request.Method!, items!, request.Evidence, batchId);
    }

    private Failure? Check(Actor actor, Person person, ClientCompany company, PrivacyPolicy policy, EntryRequest request, out IReadOnlyList<string>? items)
    {
        items = null;
        if (policy.Recipients.ClientCompanies is not { } clients || policy.FindPurpose(ProvisionRules.ToUserCompany) is null)
        {
            return ProvisionRules.Refused("personId", "provision.not-in-policy", $"Policy {policy.Id} provides nothing to User Companies.");
        }

        if (!actor.MayUse(ProvisionRules.ToUserCompany))
        {
            return Failure.Refused("actor.purpose-not-allowed", "This credential is not entrusted with that purpose of use.");
        }

        var picked = ProvisionRules.Items(clients, person, request.Items);
        items = picked.Value;
        return ProvisionRules.CheckMethod(clients.Methods, request.Method)
            ?? ProvisionRules.CheckPerson(person)
            ?? ProvisionRules.CheckCompany(company, policy, time.GetUtcNow().UtcDateTime)
            ?? ProvisionRules.CheckPolicyVersion(policy, request.PolicyVersion)
            ?? picked.Failure;
    }

    /// <summary>The candidate withdraws: nothing more is provided to that company, and the company is told.</summary>
    public async Task<Result<Guid>> WithdrawAsync(Actor actor, Guid entryId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entry = await db.Set<Entry>().FirstOrDefaultAsync(e => e.Id == entryId, cancellationToken);
        if (entry is null)
        {
            return Failure.NotFound("entry.unknown", "No entry has this id.");
        }

        if (entry.State == EntryState.Withdrawn)
        {
            return Failure.Conflict("entry.withdrawn", "This entry is already withdrawn.");
        }

        var audited = await WithdrawAsync(db, actor, [entry], EntryReasons.Withdrawn, cancellationToken);
        await audit.CommitAsync(db, audited, cancellationToken);
        return entry.Id;
    }

    /// <summary>
    /// Stages the withdrawal of <paramref name="entries"/> with a notice to each company; when none of the person's
    /// entries stays open, their consent to provision is withdrawn in the ledger as well.
    /// </summary>
    internal async Task<List<AuditEntry>> WithdrawAsync(CustodianDb db, Actor actor, IReadOnlyList<Entry> entries, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var audited = new List<AuditEntry>();
        foreach (var entry in entries)
        {
            entry.State = EntryState.Withdrawn;
            entry.WithdrawnAt = now.UtcDateTime;
            entry.WithdrawnReason = reason;
            db.Add(new CompanyNotice { Id = Guid.CreateVersion7(now), CompanyId = entry.CompanyId, EntryId = entry.Id, PersonId = entry.PersonId, Reason = reason, At = now.UtcDateTime });
            audited.Add(new(AuditEventType.EntryWithdrawn, actor.AuditName, PersonId: entry.PersonId, Purpose: ProvisionRules.ToUserCompany, Reason: reason, Subject: entry.Id.ToString()));
        }

        foreach (var personId in entries.Select(e => e.PersonId).Distinct())
        {
            var withdrawing = entries.Where(e => e.PersonId == personId).Select(e => e.Id).ToList();
            var stillOpen = await db.Set<Entry>().AnyAsync(e => e.PersonId == personId && e.State == EntryState.Open && !withdrawing.Contains(e.Id), cancellationToken);
            var person = await db.Set<Person>().AsNoTracking().FirstAsync(p => p.Id == personId, cancellationToken);
            if (!stillOpen && await ConsentLedger.IsGivenAsync(db, personId, ProvisionRules.ToUserCompany, cancellationToken))
            {
                var policy = policies.Find(person.PolicyId)!;
                var line = ledger.Append(db, personId, ProvisionRules.ToUserCompany, given: false, policy.Id, policy.Version, new ConsentEvidence(reason));
                audited.Add(new(AuditEventType.ConsentWithdrawn, actor.AuditName, PersonId: personId, Purpose: ProvisionRules.ToUserCompany, Reason: reason, Subject: line.Id.ToString()));
            }
        }

        return audited;
    }
}

internal static class EntryReasons
{
    public const string Withdrawn = "withdrawn-by-person";
    public const string ProvisionStopped = "provision-stopped";
}
