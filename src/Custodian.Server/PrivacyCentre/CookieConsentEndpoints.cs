using Custodian.Common;
using Custodian.Policy;
using Custodian.Policy.Notices;
using Custodian.PrivacyCentre;
using Custodian.Server.Host;

namespace Custodian.Server.PrivacyCentre;

/// <summary>
/// What /consent.js talks to: the categories to offer (from the policy), recording a choice, and reading a
/// choice back by its receipt (for the operator's sites). Public, so guarded by origin, CORS and rate limits.
/// </summary>
internal static class CookieConsentEndpoints
{
    public const string ChoicesPath = "/api/v1/cookie-consent/choices";

    public static void MapCookieConsent(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/cookie-consent").WithTags("Cookie consent").RequireCors(SiteOrigins.CorsPolicy).AllowAnonymous();
        group.MapGet("/settings", Settings).WithSummary("The cookie categories, partners and banner words for one language");
        group.MapPost("/choices", RecordAsync).WithSummary("Record a visitor's cookie choice; answers its receipt");
        group.MapGet("/choices/{receipt:guid}", FindAsync).WithSummary("A recorded choice by its receipt, and whether it answers the current policy version");
    }

    private static IResult Settings(string? policy, string? lang, CookieConsent consent)
    {
        var found = consent.PolicyFor(policy);
        if (!found.Succeeded)
        {
            return found.Failure!.ToProblem();
        }

        var p = found.Value!;
        var language = NoticeRenderer.LanguageFor(p, lang);
        var partners = p.Recipients.AdvertisingPartners.Select(a => new { name = a.Name, optOutUrl = a.OptOutUrl }).ToList();
        return Results.Ok(new
        {
            policyId = p.Id,
            policyVersion = p.Version,
            language,
            categories = p.Cookies!.Categories.Select(c => new
            {
                id = c.Id,
                required = c.Required,
                name = c.Name[language],
                description = c.Description[language],
                advertising = c.AdvertisingPartners,
                partners = c.AdvertisingPartners ? partners : [],
            }),
            labels = ConsentBannerLabels.For(language),
            noticeUrl = $"/privacy?lang={language}&policy={Uri.EscapeDataString(p.Id)}",
        });
    }

    private static async Task<IResult> RecordAsync(ChoiceBody? body, HttpContext http, SiteOrigins origins, CookieConsent consent, CancellationToken ct)
    {
        if (!origins.Allows(http))
        {
            return Failure.Refused("origin.not-allowed", "Choices are accepted only from this server's pages and the operator's configured sites.").ToProblem();
        }

        if (body is null)
        {
            return Problems.Required("body").ToProblem();
        }

        // The Sec-GPC header is the same signal as navigator.globalPrivacyControl, sent by the browser itself.
        var gpc = body.GlobalPrivacyControl || http.Request.Headers["Sec-GPC"] == "1";
        var request = new CookieChoiceRequest(body.PolicyId, body.PolicyVersion, body.Categories, gpc, body.Replaces, body.Language);
        var result = await consent.RecordAsync(request, new ChoiceOrigin(http.Connection.RemoteIpAddress, http.Request.Headers.UserAgent.ToString()), ct);
        return result.ToResult(choice => Results.Created($"{ChoicesPath}/{choice.Id}", Receipt(choice, current: true)));
    }

    private static async Task<IResult> FindAsync(Guid receipt, CookieConsent consent, CancellationToken ct)
    {
        var result = await consent.FindAsync(receipt, ct);
        return result.ToResult(found => Results.Ok(Receipt(found.Choice, found.Current)));
    }

    private static object Receipt(CookieChoice choice, bool current) => new
    {
        receipt = choice.Id,
        policyId = choice.PolicyId,
        policyVersion = choice.PolicyVersion,
        categories = choice.Categories.Split(',', StringSplitOptions.RemoveEmptyEntries),
        globalPrivacyControl = choice.GlobalPrivacyControl,
        at = choice.At,
        current,
    };

    internal sealed record ChoiceBody(string? PolicyId, string? PolicyVersion, IReadOnlyList<string>? Categories, bool GlobalPrivacyControl = false, Guid? Replaces = null, string? Language = null);
}
