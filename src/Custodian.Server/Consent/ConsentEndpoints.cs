using Custodian.Server.Staff;
using Custodian.Staff;
using System.Net;
using Custodian.Common;
using Custodian.Consent;
using Custodian.Provision;
using Custodian.Server.Host;
using Custodian.Server.Provision;

namespace Custodian.Server.Consent;

/// <summary>
/// /api/v1/consent: give or withdraw consent, read a person's ledger, export who may be contacted for a campaign; and the
/// console's download of that export.
/// </summary>
internal static class ConsentEndpoints
{
    public static WebApplication MapConsent(this WebApplication app)
    {
        var consent = app.MapGroup("/api/v1/consent").WithTags("Consent").RequirePermission(Permissions.ConsentManage);
        consent.MapPost("/", RecordAsync).WithSummary("Append a consent given or withdrawn to the ledger, with its evidence");
        consent.MapGet("/{personId:guid}", async (Guid personId, ConsentChoices choices, CancellationToken ct) =>
            (await choices.StateAsync(personId, ct)).ToResult(Results.Ok)).WithSummary("The person's current consent per purpose, and the ledger behind it");
        consent.MapPost("/policy-version", AgreeAsync).WithSummary("The person agrees to the policy version in force: uses a later version added reach them from then");
        consent.MapPost("/campaign-export", CampaignAsync).WithSummary("Who may be contacted for a purpose that needs consent, each read through the gate");
        app.MapCampaignDownload();
        return app;
    }

    private static async Task<IResult> RecordAsync(ConsentBody body, HttpContext http, ConsentChoices choices, CancellationToken ct)
    {
        if (body.PersonId is not { } personId)
        {
            return Problems.Required("personId").ToProblem();
        }

        if (body.Given is not { } given)
        {
            return Problems.Required("given").ToProblem();
        }

        var evidence = ConsentEvidenceFrom.Body(body.Evidence, http, "api");
        return !evidence.Succeeded
            ? evidence.Failure!.ToProblem()
            : (await choices.RecordAsync(http.User.ToActor(), personId, body.Purpose, given, body.PolicyVersion, evidence.Value!, ct))
                .ToResult(line => Results.Created($"/api/v1/consent/{personId}", line));
    }

    private static async Task<IResult> AgreeAsync(AgreementBody body, HttpContext http, Custodian.Policy.Changes.PolicyAgreements agreements, CancellationToken ct)
    {
        if (body.PersonId is not { } personId)
        {
            return Problems.Required("personId").ToProblem();
        }

        var evidence = ConsentEvidenceFrom.Body(body.Evidence, http, "api");
        return !evidence.Succeeded
            ? evidence.Failure!.ToProblem()
            : (await agreements.AgreeAsync(http.User.ToActor(), personId, body.PolicyVersion, evidence.Value!, ct)).ToResult(Results.Ok);
    }

    private static async Task<IResult> CampaignAsync(CampaignBody body, HttpContext http, ConsentChoices choices, CancellationToken ct) =>
        (await choices.CampaignAsync(http.User.ToActor(), body.Purpose, ct)).ToResult(contacts => Results.Ok(new { purpose = body.Purpose, contacts }));
}

/// <summary>Evidence of a choice: relayed in the body by the site the person used, or else taken from this request.</summary>
internal static class ConsentEvidenceFrom
{
    public static Result<ConsentEvidence> Body(EvidenceBody? body, HttpContext http, string defaultChannel)
    {
        IPAddress? address = http.Connection.RemoteIpAddress;
        if (body?.Ip is { } ip && !IPAddress.TryParse(ip, out address))
        {
            return Failure.Invalid("evidence.ip", "evidence.ip", "evidence.ip is an IPv4 or IPv6 address.");
        }

        if (body?.TextHash is { } hash && (hash.Length != 64 || !hash.All(char.IsAsciiHexDigit)))
        {
            return Failure.Invalid("evidence.textHash", "consent.text-hash", "evidence.textHash is the SHA-256 of the text shown, as 64 hex digits.");
        }

        if (body?.Channel is { } channel && (channel.Length is 0 or > 64 || !channel.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
        {
            return Failure.Invalid("evidence.channel", "consent.channel", "evidence.channel is 1 to 64 lower-case letters, digits or '-'.");
        }

        return new ConsentEvidence(
            body?.Channel ?? defaultChannel,
            body?.TextHash,
            ConsentEvidence.Anonymize(address),
            body?.UserAgent ?? http.Request.Headers.UserAgent.ToString(),
            body?.Reference);
    }
}

internal sealed record ConsentBody(Guid? PersonId, string? Purpose, bool? Given, string? PolicyVersion, EvidenceBody? Evidence);

internal sealed record CampaignBody(string? Purpose);

internal sealed record AgreementBody(Guid? PersonId, string? PolicyVersion, EvidenceBody? Evidence);
