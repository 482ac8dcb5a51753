using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Provision;

/// <summary>What an approved provision without consent released: the record and the approved items, read through the gate.</summary>
internal sealed record WithoutConsentRelease(ProvisionRecord Record, IReadOnlyDictionary<string, string> Items);

internal sealed partial class WithoutConsent
{
    /// <summary>The requests no one has decided yet, oldest first: the approvers' queue.</summary>
    public async Task<List<ProvisionRequest>> PendingAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Set<ProvisionRequest>().AsNoTracking()
            .Where(r => r.ApprovedBy == null && r.RejectedBy == null).OrderBy(r => r.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Approved by someone other than the requester, the provision is carried out: the person's data pass the gate as
    /// a provision on a ground (refused after erasure or suspension of use, not after a stop request, which reaches only provision by consent; audited either way), only the approved items leave, and
    /// the provision record is written with the decision.
    /// </summary>
    public async Task<Result<WithoutConsentRelease>> ApproveAsync(Actor actor, Guid requestId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var pending = await UndecidedAsync(db, actor, requestId, cancellationToken);
        if (!pending.Succeeded)
        {
            return pending.Failure!;
        }

        var request = pending.Value!;
        var person = await db.Set<Person>().AsNoTracking().FirstAsync(p => p.Id == request.PersonId, cancellationToken);
        var approved = request.Items.Split(',');
        var purpose = GatePurpose(policies.Find(person.PolicyId)!, person, approved);
        if (purpose is null)
        {
            return Failure.Refused("provision.items-held", "The approved items are no longer held under one purpose of use that needs no consent.");
        }

        var view = await gate.UseAsync(actor, person.Id, purpose, GateUse.ProvideOnGround, cancellationToken);
        if (!view.Succeeded)
        {
            return view.Failure!;
        }

        var now = time.GetUtcNow();
        var record = new ProvisionRecord
        {
            Id = Guid.CreateVersion7(now),
            PersonId = request.PersonId,
            RecipientKind = RecipientKinds.WithoutConsent,
            RecipientName = request.Recipient,
            Items = request.Items,
            Method = request.Method,
            Ground = request.Ground,
            Reason = request.Reason,
            AuthorityReference = request.AuthorityReference,
            RequestedBy = request.RequestedBy,
            ApprovedBy = actor.AuditName,
            PolicyId = person.PolicyId,
            PolicyVersion = person.PolicyVersion,
            ProvidedAt = now.UtcDateTime,
            KeepUntil = ProvisionRecords.KeepUntil(now.UtcDateTime),
        };
        db.Add(record);
        request.ApprovedBy = actor.AuditName;
        request.DecidedAt = now.UtcDateTime;
        request.ProvisionRecordId = record.Id;
        var decided = await DecideAsync(db, new(AuditEventType.ProvisionWithoutConsentApproved, actor.AuditName, PersonId: record.PersonId, Items: record.Items, Reason: "ground-" + record.Ground, Subject: record.Id.ToString()), cancellationToken);
        return decided ?? (Result<WithoutConsentRelease>)new WithoutConsentRelease(record, view.Value!.Items.Where(kv => approved.Contains(kv.Key)).ToDictionary());
    }

    /// <summary>Rejected by someone other than the requester: nothing is released and no provision record is written.</summary>
    public async Task<Result<ProvisionRequest>> RejectAsync(Actor actor, Guid requestId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var pending = await UndecidedAsync(db, actor, requestId, cancellationToken);
        if (!pending.Succeeded)
        {
            return pending.Failure!;
        }

        var request = pending.Value!;
        request.RejectedBy = actor.AuditName;
        request.DecidedAt = time.GetUtcNow().UtcDateTime;
        var decided = await DecideAsync(db, new(AuditEventType.ProvisionWithoutConsentRejected, actor.AuditName, PersonId: request.PersonId, Items: request.Items, Reason: "ground-" + request.Ground, Subject: request.Id.ToString()), cancellationToken);
        return decided ?? (Result<ProvisionRequest>)request;
    }

    private async Task<Result<ProvisionRequest>> UndecidedAsync(Storage.CustodianDb db, Actor actor, Guid requestId, CancellationToken cancellationToken)
    {
        var request = await db.Set<ProvisionRequest>().FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null)
        {
            return Failure.NotFound("provision-request.unknown", "No provision request has this id.");
        }

        if (request.State != "awaiting-approval")
        {
            return Decided(request.State);
        }

        if (request.RequestedBy == actor.AuditName)
        {
            await audit.RecordAsync(new(AuditEventType.ProvisionWithoutConsentRefused, actor.AuditName, AuditOutcome.Refused, request.PersonId, Reason: "approval.same-actor", Subject: request.Id.ToString()), cancellationToken);
            return Failure.Refused("approval.same-actor", "A provision without consent is approved or rejected by someone other than the requester.");
        }

        return request;
    }

    private async Task<Failure?> DecideAsync(Storage.CustodianDb db, AuditEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await audit.CommitAsync(db, [entry], cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Decided("decided");
        }
    }

    private static Failure Decided(string state) =>
        Failure.Conflict("provision-request.decided", $"This provision request is already {state}.");

    /// <summary>
    /// The gate is asked under the first purpose of the person's channel that needs no consent and holds every
    /// approved item: the ground, not a consent, is what allows the provision.
    /// </summary>
    private static string? GatePurpose(PrivacyPolicy policy, Person person, IReadOnlyCollection<string> items) =>
        policy.FindChannel(person.Channel)?.Purposes
            .Select(policy.FindPurpose)
            .FirstOrDefault(p => p is { RequiresConsent: false } && items.All(p.Items.Contains))?.Id;
}
