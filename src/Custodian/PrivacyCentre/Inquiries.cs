using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Custodian.PrivacyCentre;

/// <summary>What a person writes in the contact form.</summary>
public sealed record ContactSubmission(string? PolicyId, string Name, string Email, string? Telephone, string Message);

/// <summary>One line of the staff inbox: ids and dates only, no words of the inquiry.</summary>
public sealed record InquirySummary(Guid Id, Guid PersonId, string PolicyId, InquiryState State, DateTime ReceivedAt, bool AffiliateSharingStopped, bool CanShareWithAffiliate);

/// <summary>
/// Contact-form inquiries: stored as the person's items through the vault under the policy's contact
/// purposes, read through the gate, answered and shared with affiliates with an audit event each.
/// </summary>
public sealed class Inquiries(
    IDbContextFactory<CustodianDb> factory, PersonVault vault, PersonGate gate, AuditLog audit, PolicyStore policies,
    IOptions<PrivacyCentreOptions> options, TimeProvider time)
{
    public const int MaxAffiliate = 200;

    public async Task<Result<Guid>> SubmitAsync(ContactSubmission submission, CancellationToken cancellationToken = default)
    {
        var policy = submission.PolicyId is null ? policies.Default : policies.Find(submission.PolicyId);
        if (policy is null || !options.Value.Contact.TryGetValue(policy.Id, out var setup))
        {
            return Failure.Invalid("policyId", "policy.no-contact", "This policy takes no contact-form inquiries.");
        }

        var items = new Dictionary<string, string?> { ["name"] = submission.Name, ["email"] = submission.Email, ["inquiry"] = submission.Message };
        if (!string.IsNullOrWhiteSpace(submission.Telephone))
        {
            items["telephone"] = submission.Telephone;
        }

        // The vault checks every item against the policy's rules; its refusal names the field. The person and the
        // inquiry are written in one transaction, so a failure leaves neither.
        var now = time.GetUtcNow();
        var inquiry = new Inquiry { Id = Guid.CreateVersion7(now), PolicyId = policy.Id, State = InquiryState.Open, ReceivedAt = now.UtcDateTime };
        var registered = await vault.RegisterAsync(Actor.System, new Registration(setup.Channel, items, PolicyId: policy.Id), (db, personId) =>
        {
            inquiry.PersonId = personId;
            db.Add(inquiry);
            return [new(AuditEventType.InquiryReceived, Actor.System.AuditName, PersonId: personId, Purpose: AnswerPurpose(policy, setup), Subject: inquiry.Id.ToString())];
        }, cancellationToken);
        if (!registered.Succeeded)
        {
            return registered.Failure!;
        }

        return inquiry.Id;
    }

    public async Task<IReadOnlyList<InquirySummary>> ListAsync(InquiryState state, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<Inquiry>().AsNoTracking().Where(i => i.State == state).ToListAsync(cancellationToken);
        return rows.OrderBy(i => i.ReceivedAt).Select(Summary).ToList();
    }

    public async Task<Result<InquirySummary>> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Set<Inquiry>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken) is { } inquiry
            ? Summary(inquiry)
            : Failure.NotFound("inquiry.unknown", "No inquiry has this id.");
    }

    /// <summary>The inquiry's words, through the gate under the purpose of answering it (audited there).</summary>
    public async Task<Result<PersonView>> ReadAsync(Actor actor, Guid id, CancellationToken cancellationToken = default)
    {
        var (inquiry, setup, failure) = await LoadAsync(id, cancellationToken);
        return failure is not null ? failure : await gate.UseAsync(actor, inquiry!.PersonId, AnswerPurpose(policies.Find(inquiry.PolicyId)!, setup!), GateUse.Read, cancellationToken);
    }

    public async Task<Result<Guid>> AnswerAsync(Actor actor, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var inquiry = await db.Set<Inquiry>().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (inquiry is null)
        {
            return Failure.NotFound("inquiry.unknown", "No inquiry has this id.");
        }

        if (inquiry.State == InquiryState.Answered)
        {
            return Failure.Conflict("inquiry.answered", "This inquiry is already answered.");
        }

        inquiry.State = InquiryState.Answered;
        inquiry.AnsweredAt = time.GetUtcNow().UtcDateTime;
        inquiry.AnsweredBy = actor.AuditName;
        var purpose = AnswerPurpose(policies.Find(inquiry.PolicyId)!, options.Value.Contact[inquiry.PolicyId]);
        await audit.CommitAsync(db, [new(AuditEventType.InquiryAnswered, actor.AuditName, PersonId: inquiry.PersonId, Purpose: purpose, Subject: id.ToString())], cancellationToken);
        return id;
    }

    /// <summary>Provides the inquiry to an affiliate through the gate (which refuses once the person has stopped it), and records it.</summary>
    public async Task<Result<Guid>> ShareWithAffiliateAsync(Actor actor, Guid id, string affiliate, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(affiliate) || affiliate.Length > MaxAffiliate)
        {
            return Failure.Invalid("affiliate", "affiliate.name", $"Name the affiliate company (1 to {MaxAffiliate} characters).");
        }

        var (inquiry, setup, failure) = await LoadAsync(id, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        if (setup!.AffiliateProvisionPurpose is not { } purpose)
        {
            return Failure.Refused("affiliate.no-purpose", "This policy has no purpose for providing inquiries to affiliates.");
        }

        var used = await gate.UseAsync(actor, inquiry!.PersonId, purpose, GateUse.Provide, cancellationToken);
        if (!used.Succeeded)
        {
            return used.Failure!;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var provision = new AffiliateProvision { Id = Guid.CreateVersion7(now), InquiryId = id, PersonId = inquiry.PersonId, Affiliate = affiliate.Trim(), By = actor.AuditName, At = now.UtcDateTime };
        db.Add(provision);
        await audit.CommitAsync(db, [new(AuditEventType.InquirySharedWithAffiliate, actor.AuditName, PersonId: inquiry.PersonId, Purpose: purpose, Subject: provision.Id.ToString())], cancellationToken);
        return provision.Id;
    }

    /// <summary>The person asked to stop provision to affiliates: from now on the gate refuses it.</summary>
    public async Task<Result<Guid>> StopAffiliateSharingAsync(Actor actor, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var inquiry = await db.Set<Inquiry>().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (inquiry is null)
        {
            return Failure.NotFound("inquiry.unknown", "No inquiry has this id.");
        }

        if (inquiry.AffiliateSharingStopped)
        {
            return Failure.Conflict("affiliate.already-stopped", "Provision to affiliates is already stopped for this inquiry.");
        }

        inquiry.AffiliateSharingStopped = true;
        await audit.CommitAsync(db, [new(AuditEventType.AffiliateSharingStopped, actor.AuditName, PersonId: inquiry.PersonId, Subject: id.ToString())], cancellationToken);
        return id;
    }

    public async Task<IReadOnlyList<AffiliateProvision>> ProvisionsAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<AffiliateProvision>().AsNoTracking().Where(p => p.InquiryId == id).ToListAsync(cancellationToken);
        return rows.OrderBy(p => p.At).ToList();
    }

    private async Task<(Inquiry? Inquiry, ContactSetup? Setup, Failure? Failure)> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var inquiry = await db.Set<Inquiry>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        return inquiry is null
            ? (null, null, Failure.NotFound("inquiry.unknown", "No inquiry has this id."))
            : (inquiry, options.Value.Contact[inquiry.PolicyId], null);
    }

    // The policy lists the purpose of answering first among the contact channel's purposes.
    private static string AnswerPurpose(PrivacyPolicy policy, ContactSetup setup) => policy.FindChannel(setup.Channel)!.Purposes[0];

    private InquirySummary Summary(Inquiry i) =>
        new(i.Id, i.PersonId, i.PolicyId, i.State, i.ReceivedAt, i.AffiliateSharingStopped,
            options.Value.Contact.TryGetValue(i.PolicyId, out var setup) && setup.AffiliateProvisionPurpose is not null);
}
