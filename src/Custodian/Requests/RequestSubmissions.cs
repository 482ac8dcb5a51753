using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Requests;

/// <summary>What the requester submitted, as staff read it, with the persons it may concern while it is not linked.</summary>
public sealed record Submission(RequestForm Form, IReadOnlyList<FoundPerson> Suggestions);

/// <summary>
/// Staff read of a request's submitted form (opened with the request's own key, audited with ids only), the persons
/// it may concern (found through the vault's blind index, their names read through the gate), and the disclosure
/// previewed before it is sent.
/// </summary>
internal sealed class RequestSubmissions(
    IDbContextFactory<CustodianDb> factory, RequestRecords records, RequestCrypto crypto, AuditLog audit,
    PersonFinder finder, DisclosureGatherer gatherer)
{
    /// <summary>The submitted form; while no person is linked, with the persons holding its e-mail address (or <paramref name="email"/>, when staff search another).</summary>
    public async Task<Result<Submission>> ViewAsync(Actor actor, Guid requestId, string? email = null, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var loaded = await RequestRecords.LoadAsync(db, requestId, cancellationToken);
        if (loaded.Failure is { } missing)
        {
            return missing;
        }

        var request = loaded.Value!;
        if (crypto.OpenForm(request) is not { } form)
        {
            return Failure.Gone("request.form-disposed", "The request form has been disposed of.");
        }

        await audit.CommitAsync(db, [RequestRecords.Entry(AuditEventType.RequestFormViewed, actor, request)], cancellationToken);
        var suggestions = request.PersonId is null ? await finder.ByEmailAsync(actor, records.PolicyOf(request), string.IsNullOrWhiteSpace(email) ? form.Email : email, GateUse.Disclose, cancellationToken) : [];
        return new Submission(form, suggestions);
    }

    /// <summary>The disclosure as the letter will give it, read through the gate (use: disclose) and audited as a preview.</summary>
    public async Task<Result<DisclosurePackage>> PreviewDisclosureAsync(Actor actor, Guid requestId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var loaded = await RequestRecords.LoadAsync(db, requestId, cancellationToken);
        if (loaded.Failure is { } missing)
        {
            return missing;
        }

        var request = loaded.Value!;
        if (request.Type is not ("disclosure" or "notification-of-purpose") || request.PersonId is not { } personId)
        {
            return Failure.Conflict("request.no-disclosure", "Only a disclosure or notification of purpose concerning a linked person has a preview.");
        }

        await audit.CommitAsync(db, [RequestRecords.Entry(AuditEventType.RequestDisclosurePreviewed, actor, request)], cancellationToken);
        return await gatherer.GatherAsync(actor, personId, request.Language, cancellationToken);
    }
}
