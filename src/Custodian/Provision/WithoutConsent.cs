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
internal sealed partial class WithoutConsent(IDbContextFactory<CustodianDb> factory, PolicyStore policies, AuditLog audit, PersonGate gate, TimeProvider time)
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

        var policy = policies.Find(person.PolicyId)!;
        if (Check(policy, request) is { } invalid)
        {
            return invalid;
        }

        if (GatePurpose(policy, person, request.Items!) is null)
        {
            return Failure.Invalid("items", "provision.items-held", "items are held together under one purpose of use of the person's channel that needs no consent.");
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
