using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Provision;

/// <summary>What a provision without consent is asked for: to whom, on which of the policy's grounds, why, and what.</summary>
internal sealed record WithoutConsentRequest(
    Guid PersonId, string? Recipient, string? Ground, string? Reason, string? AuthorityReference, IReadOnlyList<string>? Items, string? Method);

/// <summary>
/// Provision without consent, only on the policy's grounds (a)–(i): asked by one member of staff, approved by
/// another, and recorded as a provision record the person sees in their disclosure.
/// </summary>
internal sealed class WithoutConsent(IDbContextFactory<CustodianDb> factory, PolicyStore policies, AuditLog audit, TimeProvider time)
{
    private const int MaxRecipient = 200;
    private const int MaxReason = 2000;

    public async Task<Result<ProvisionRequest>> RequestAsync(Actor actor, WithoutConsentRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var person = await db.Set<Person>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == request.PersonId, cancellationToken);
        if (person is null)
        {
            return Failure.NotFound("person.unknown", "No person has this id.");
        }

        if (person.State == PersonState.Erased)
        {
            return Failure.Gone("person.erased", "This person's data has been erased.");
        }

        if (Check(policies.Find(person.PolicyId)!, request) is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow();
        var pending = new ProvisionRequest
        {
            Id = Guid.CreateVersion7(now),
            PersonId = person.Id,
            Recipient = request.Recipient!.Trim(),
            Ground = request.Ground!,
            Reason = request.Reason!.Trim(),
            AuthorityReference = string.IsNullOrWhiteSpace(request.AuthorityReference) ? null : request.AuthorityReference.Trim(),
            Items = string.Join(',', request.Items!),
            Method = request.Method!,
            RequestedBy = actor.AuditName,
            RequestedAt = now.UtcDateTime,
        };
        db.Add(pending);
        await audit.CommitAsync(db, [new(AuditEventType.ProvisionWithoutConsentRequested, actor.AuditName, PersonId: person.Id, Items: pending.Items, Reason: "ground-" + pending.Ground, Subject: pending.Id.ToString())], cancellationToken);
        return pending;
    }

    /// <summary>The approver must be someone other than the requester; approval writes the provision record.</summary>
    public async Task<Result<ProvisionRecord>> ApproveAsync(Actor actor, Guid requestId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var pending = await db.Set<ProvisionRequest>().FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (pending is null)
        {
            return Failure.NotFound("provision-request.unknown", "No provision request has this id.");
        }

        if (pending.ApprovedBy is not null)
        {
            return Failure.Conflict("provision-request.decided", "This provision request is already approved.");
        }

        if (pending.RequestedBy == actor.AuditName)
        {
            await audit.RecordAsync(new(AuditEventType.ProvisionWithoutConsentRefused, actor.AuditName, AuditOutcome.Refused, pending.PersonId, Reason: "approval.same-actor", Subject: pending.Id.ToString()), cancellationToken);
            return Failure.Refused("approval.same-actor", "A provision without consent is approved by someone other than the requester.");
        }

        var person = await db.Set<Person>().AsNoTracking().FirstAsync(p => p.Id == pending.PersonId, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var record = new ProvisionRecord
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            PersonId = pending.PersonId,
            RecipientKind = RecipientKinds.WithoutConsent,
            RecipientName = pending.Recipient,
            Items = pending.Items,
            Method = pending.Method,
            Ground = pending.Ground,
            Reason = pending.Reason,
            AuthorityReference = pending.AuthorityReference,
            RequestedBy = pending.RequestedBy,
            ApprovedBy = actor.AuditName,
            PolicyId = person.PolicyId,
            PolicyVersion = person.PolicyVersion,
            ProvidedAt = now,
            KeepUntil = ProvisionRecords.KeepUntil(now),
        };
        db.Add(record);
        pending.ApprovedBy = actor.AuditName;
        pending.ProvisionRecordId = record.Id;
        await audit.CommitAsync(db, [new(AuditEventType.ProvisionWithoutConsentApproved, actor.AuditName, PersonId: record.PersonId, Items: record.Items, Reason: "ground-" + record.Ground, Subject: record.Id.ToString())], cancellationToken);
        return record;
    }

    private static Failure? Check(PrivacyPolicy policy, WithoutConsentRequest request)
    {
        var grounds = policy.ProvisionWithoutConsentGrounds.Select(g => g.Id).ToList();
        var errors = new Dictionary<string, string[]>();
        if (request.Ground is null || !grounds.Contains(request.Ground))
        {
            errors["ground"] = [$"provision.ground: ground is one of the policy's: {string.Join(", ", grounds)}."];
        }

        if (string.IsNullOrWhiteSpace(request.Recipient) || request.Recipient.Length > MaxRecipient)
        {
            errors["recipient"] = [$"text.length: recipient needs 1 to {MaxRecipient} characters."];
        }

        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > MaxReason)
        {
            errors["reason"] = [$"text.length: reason needs 1 to {MaxReason} characters."];
        }

        if (request.AuthorityReference is { Length: > MaxRecipient })
        {
            errors["authorityReference"] = [$"text.length: authorityReference has at most {MaxRecipient} characters."];
        }

        if (request.Items is not { Count: > 0 } items || items.Any(i => policy.FindItem(i) is null))
        {
            errors["items"] = ["provision.items: items are one or more of the policy's data items."];
        }

        if (string.IsNullOrWhiteSpace(request.Method) || !policy.Terms.ContainsKey(request.Method))
        {
            errors["method"] = ["provision.method: method is one of the policy's provision methods (document, telephone, fax, electronic-media, e-mail, api)."];
        }

        return errors.Count == 0 ? null : Failure.Validation(errors);
    }
}
