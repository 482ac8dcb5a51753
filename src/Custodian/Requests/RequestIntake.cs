using System.Security.Cryptography;
using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Requests;

/// <summary>A request as it comes in, from the privacy centre, from staff entering a written request, or by API.</summary>
/// <remarks><paramref name="PolicyId"/>: the policy of the service the requester used; null for the person's own, or the default.</remarks>
public sealed record Intake(string Type, Requester Requester, string Channel, string Language, Guid? PersonId, RequestForm Form, string? PolicyId = null);

/// <summary>What the requester keeps: the reference and the secret for the status page (shown once; only a hash is stored).</summary>
public sealed record IntakeReceipt(Guid Id, string Reference, string Secret, RequestState State);

/// <summary>
/// Records requests. A second request of the same type for a person named by staff or a service, while one is open,
/// is linked to it, not duplicated; one from the privacy centre is recorded and linked (see <see cref="SubmitAsync"/>).
/// </summary>
internal sealed class RequestIntake(
    IDbContextFactory<CustodianDb> factory, PolicyStore policies, RequestRecords records, RequestCrypto crypto, VaultCrypto vault, AuditLog audit, IRequestNotices notices)
{
    private const string ReferenceAlphabet = "ABCDEFGHJKMNPQRSTVWXYZ23456789";
    private static readonly string[] Channels = ["privacy-centre", "staff", "api"];

    public async Task<Result<IntakeReceipt>> SubmitAsync(Actor actor, Intake intake, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var personId = intake.PersonId;
        var chosen = intake.PolicyId is null ? null : policies.Find(intake.PolicyId);
        if (intake.PolicyId is not null && chosen is null)
        {
            return Failure.Invalid("policyId", "policy.unknown", $"No policy of that id is loaded; the loaded policies are: {string.Join(", ", policies.All.Keys.Order(StringComparer.Ordinal))}.");
        }

        PrivacyPolicy policy;
        if (personId is { } id)
        {
            var person = await db.Set<Person>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (person is null)
            {
                return Failure.Invalid("personId", "person.unknown", "No person has this id.");
            }

            policy = policies.Find(person.PolicyId) ?? policies.Default;
            if (chosen is not null && chosen.Id != policy.Id)
            {
                return Failure.Invalid("policyId", "request.policy-mismatch", $"This person's data is held under policy {policy.Id}; a request about it is made under that policy.");
            }
        }
        else
        {
            policy = chosen ?? policies.Default;
            // The privacy centre knows the person by the e-mail they registered with; an unknown address is
            // still received (answering otherwise would tell anyone which addresses are registered).
            personId = await FindByEmailAsync(db, policy.Id, intake.Form.Email, cancellationToken);
        }

        if (Check(policy, intake, records.Today(policy)) is { } invalid)
        {
            return invalid;
        }

        // Staff and services name the person themselves and may hear of the open request. The privacy centre only
        // matched an e-mail address, typed by anyone: it records the new request and counts it on the open one for
        // staff to merge, so the answer neither blocks the person nor tells a stranger that the address is known.
        var open = personId is { } known ? await OpenOfSameTypeAsync(db, known, intake.Type, cancellationToken) : null;
        if (open is not null && intake.PersonId is not null)
        {
            open.LinkedRequests++;
            await audit.CommitAsync(db, [RequestRecords.Entry(AuditEventType.RequestLinked, actor, open, intake.Channel)], cancellationToken);
            return Failure.Conflict("request.already-open",
                $"Request {open.Reference} of this type is still open for this person; the new request was linked to it instead of opening another.");
        }

        var now = records.Now;
        var request = new DataRequest
        {
            Id = Guid.CreateVersion7(new DateTimeOffset(now)),
            Reference = NewReference(),
            PolicyId = policy.Id,
            PolicyVersion = policy.Version,
            Type = intake.Type,
            Requester = intake.Requester,
            PersonId = personId,
            Channel = intake.Channel,
            State = RequestState.Received,
            Language = intake.Language,
            ReceivedAt = now,
            UpdatedAt = now,
        };
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
        request.SecretHash = crypto.HashSecret(secret);
        request.SealedForm = RequestCrypto.SealForm(request.Id, crypto.NewKey(request), intake.Form);
        db.Add(request);
        var received = RequestRecords.Entry(AuditEventType.RequestReceived, actor, request, intake.Channel);
        // The form was filled in at intake, so the request waits at once for the identity documents.
        var awaiting = records.Transition(request, RequestState.AwaitingDocuments, actor);
        List<AuditEntry> entries = [received, awaiting.Value!];
        // Nothing to enclose under this policy (staff confirm the requester another way): the completed form is all
        // the clock waits for, so it starts now.
        if (RequestChecklist.For(policy, intake.Requester).Count == 0)
        {
            var started = DeadlineClock.Start(request, now, policy, records.CalendarOf(policy));
            if (started.Failure is { } outside)
            {
                return outside;
            }

            db.Add(started.Value!);
            entries.Add(RequestRecords.Entry(AuditEventType.RequestClockStarted, actor, request));
        }

        if (open is not null)
        {
            open.LinkedRequests++;
            entries.Add(RequestRecords.Entry(AuditEventType.RequestLinked, actor, open, request.Id.ToString()));
        }

        // The acknowledgement commits with the request: once the requester has their reference, so has the outbox.
        notices.Received(db, request, intake.Form);
        await audit.CommitAsync(db, entries, cancellationToken);
        return new IntakeReceipt(request.Id, request.Reference, secret, request.State);
    }

    /// <summary>Staff attach a privacy-centre request to the person it concerns, once they have found them.</summary>
    public async Task<Result<Guid>> LinkPersonAsync(Actor actor, Guid requestId, Guid personId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var loaded = await RequestRecords.LoadAsync(db, requestId, cancellationToken);
        if (loaded.Failure is { } missing)
        {
            return missing;
        }

        var request = loaded.Value!;
        if (request.PersonId is not null)
        {
            return Failure.Conflict("request.person-linked", "This request already concerns a person.");
        }

        if (!await db.Set<Person>().AnyAsync(p => p.Id == personId, cancellationToken))
        {
            return Failure.Invalid("personId", "person.unknown", "No person has this id.");
        }

        request.PersonId = personId;
        request.Version++;
        await audit.CommitAsync(db, [RequestRecords.Entry(AuditEventType.RequestPersonLinked, actor, request)], cancellationToken);
        return personId;
    }

    private static Failure? Check(PrivacyPolicy policy, Intake intake, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (!policy.Requests.Types.Contains(intake.Type))
        {
            errors["type"] = [$"request.type: request types of policy {policy.Id}: {string.Join(", ", policy.Requests.Types)}."];
        }

        if (!RequestChecklist.Requesters(policy).Contains(intake.Requester))
        {
            errors["requester"] = [$"request.requester: requesters of policy {policy.Id}: {string.Join(", ", RequestChecklist.Requesters(policy).Select(RequestRecords.Name))}."];
        }

        if (!policy.Speaks(intake.Language))
        {
            errors["language"] = [$"request.language: one of {string.Join(", ", policy.Languages)}."];
        }

        if (!Channels.Contains(intake.Channel))
        {
            errors["channel"] = ["request.channel: one of privacy-centre, staff, api."];
        }

        Text(errors, "personName", intake.Form.PersonName, 200, required: true);
        Text(errors, "mailingAddress", intake.Form.MailingAddress, 500, required: true);
        Text(errors, "representativeName", intake.Form.RepresentativeName, 200, required: intake.Requester != Requester.Person);
        Text(errors, "details", intake.Form.Details, 2000, required: false);
        Text(errors, "email", intake.Form.Email, 320, required: false);
        CheckChanges(policy, intake, today, errors);
        return errors.Count == 0 ? null : Failure.Validation(errors);
    }

    private static void CheckChanges(PrivacyPolicy policy, Intake intake, DateOnly today, Dictionary<string, string[]> errors)
    {
        CheckPurposes(policy, intake, errors);
        var changes = intake.Form.Changes;
        if (intake.Type is not ("correction" or "addition" or "deletion"))
        {
            if (changes is { Count: > 0 })
            {
                errors["changes"] = ["request.changes: only correction, addition and deletion of contents name items to change."];
            }

            return;
        }

        if (changes is null || changes.Count == 0)
        {
            errors["changes"] = ["required: name the items to change."];
            return;
        }

        foreach (var id in changes.Keys.Where(id => policy.FindItem(id) is null))
        {
            errors[$"changes.{id}"] = ["item.unknown: not a data item of the policy."];
        }

        if (intake.Type != "deletion" && errors.Count == 0)
        {
            foreach (var (field, problems) in ItemRules.Check(policy, changes.ToDictionary(kv => kv.Key, kv => (string?)kv.Value), [], today))
            {
                errors["changes." + field.Replace("items.", "", StringComparison.Ordinal)] = problems;
            }
        }
    }

    private static void CheckPurposes(PrivacyPolicy policy, Intake intake, Dictionary<string, string[]> errors)
    {
        var purposes = intake.Form.Purposes ?? [];
        if (purposes.Count > 0 && intake.Type != "suspension-of-use")
        {
            errors["purposes"] = ["request.purposes: only a suspension of use names purposes."];
        }
        else if (purposes.FirstOrDefault(p => policy.FindPurpose(p) is null) is { } unknown)
        {
            errors["purposes"] = [$"purpose.unknown: {unknown} is not a purpose of use of policy {policy.Id}."];
        }
    }

    private static void Text(Dictionary<string, string[]> errors, string field, string? value, int max, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors[field] = [$"required: {field} is required."];
            }
        }
        else if (value.Length > max)
        {
            errors[field] = [$"length: at most {max} characters."];
        }
    }

    // Only persons held under the request's policy: a request made for one service does not reach another's data.
    private async Task<Guid?> FindByEmailAsync(CustodianDb db, string policyId, string? email, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        var digest = vault.BlindIndex("email", email.Trim().ToLowerInvariant());
        var ids = await db.Set<BlindIndex>().AsNoTracking().Where(b => b.Kind == "email" && b.Digest == digest)
            .Where(b => db.Set<Person>().Any(p => p.Id == b.PersonId && p.PolicyId == policyId))
            .Select(b => b.PersonId).OrderBy(id => id).Take(2).ToListAsync(cancellationToken);
        return ids.Count == 1 ? ids[0] : null;
    }

    private static Task<DataRequest?> OpenOfSameTypeAsync(CustodianDb db, Guid personId, string type, CancellationToken cancellationToken) =>
        db.Set<DataRequest>().FirstOrDefaultAsync(r => r.PersonId == personId && r.Type == type
            && r.State != RequestState.Fulfilled && r.State != RequestState.Refused && r.State != RequestState.PartlyRefused && r.State != RequestState.Closed,
            cancellationToken);

    private static string NewReference()
    {
        Span<char> chars = stackalloc char[8];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = ReferenceAlphabet[RandomNumberGenerator.GetInt32(ReferenceAlphabet.Length)];
        }

        return $"R-{chars[..4]}-{chars[4..]}";
    }
}
