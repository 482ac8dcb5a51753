using System.Net;
using Custodian.Common;
using Custodian.Policy;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.PrivacyCentre;

/// <summary>A visitor's choice as the consent script posts it.</summary>
public sealed record CookieChoiceRequest(string? PolicyId, string? PolicyVersion, IReadOnlyList<string>? Categories, bool GlobalPrivacyControl = false, Guid? Replaces = null, string? Language = null);

/// <summary>Where a choice came from, as the server saw it: only the anonymized network is kept.</summary>
public sealed record ChoiceOrigin(IPAddress? Address, string? UserAgent);

/// <summary>
/// Checks a visitor's cookie choice against the policy it claims to answer, and records it. A forged or
/// stale choice is refused before anything is written.
/// </summary>
public sealed class CookieConsent(PolicyStore policies, CookieChoiceRecorder recorder, IDbContextFactory<CustodianDb> factory, TimeProvider time)
{
    public const int MaxUserAgent = 512;
    private const int MaxCategories = 16;

    public async Task<Result<CookieChoice>> RecordAsync(CookieChoiceRequest request, ChoiceOrigin origin, CancellationToken cancellationToken = default)
    {
        var checkedChoice = Check(request);
        if (!checkedChoice.Succeeded)
        {
            return checkedChoice.Failure!;
        }

        var (policy, categories) = checkedChoice.Value;
        var at = time.GetUtcNow();
        var choice = new CookieChoice
        {
            Id = Guid.CreateVersion7(at),
            PolicyId = policy.Id,
            PolicyVersion = policy.Version,
            Categories = string.Join(',', categories),
            GlobalPrivacyControl = request.GlobalPrivacyControl,
            AnonymizedIp = AnonymizedAddress.Of(origin.Address),
            UserAgent = origin.UserAgent is { Length: > MaxUserAgent } ua ? ua[..MaxUserAgent] : origin.UserAgent ?? "",
            Replaces = request.Replaces,
            // The banner's language, for the figures; one the policy has no notice in is not kept.
            Language = policy.Speaks(request.Language) ? request.Language : null,
            At = at.UtcDateTime,
        };
        await recorder.RecordAsync(choice, cancellationToken);
        return choice;
    }

    /// <summary>The choice a receipt names, with whether it still answers the policy's current version.</summary>
    public async Task<Result<(CookieChoice Choice, bool Current)>> FindAsync(Guid receipt, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var choice = await db.Set<CookieChoice>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == receipt, cancellationToken);
        if (choice is null)
        {
            return Failure.NotFound("cookie-choice.unknown", "No cookie choice has this receipt.");
        }

        return (choice, policies.Find(choice.PolicyId)?.Version == choice.PolicyVersion);
    }

    /// <summary>The policy whose cookie categories a site shows; the default one when none is named.</summary>
    public Result<PrivacyPolicy> PolicyFor(string? policyId)
    {
        var policy = policyId is null ? policies.Default : policies.Find(policyId);
        if (policy is null)
        {
            return Failure.Invalid("policyId", "policy.unknown", "No loaded policy has this id.");
        }

        return policy.Cookies is null
            ? Failure.Invalid("policyId", "cookies.none", "This policy sets no cookie categories.")
            : policy;
    }

    private Result<(PrivacyPolicy Policy, List<string> Categories)> Check(CookieChoiceRequest request)
    {
        var found = PolicyFor(request.PolicyId);
        if (!found.Succeeded)
        {
            return found.Failure!;
        }

        var policy = found.Value!;
        var cookies = policy.Cookies!;
        if (string.IsNullOrEmpty(request.PolicyVersion))
        {
            return Failure.Invalid("policyVersion", "required", "policyVersion is required.");
        }

        // A choice made under another version answered other words: the visitor must be asked again.
        if (request.PolicyVersion != policy.Version)
        {
            return Failure.Invalid("policyVersion", "policy.version-current", "The choice must answer the policy's current version.");
        }

        if (request.Categories is null)
        {
            return Failure.Invalid("categories", "required", "categories is required (it may be empty).");
        }

        if (request.Categories.Count > MaxCategories || request.Categories.Any(c => c is null || cookies.Find(c) is null))
        {
            return Failure.Invalid("categories", "cookie-category.unknown", $"Categories of policy {policy.Id}: {string.Join(", ", cookies.Categories.Select(c => c.Id))}.");
        }

        if (request.GlobalPrivacyControl && request.Categories.Any(c => cookies.Find(c)!.AdvertisingPartners))
        {
            return Failure.Invalid("categories", "gpc.refuses-advertising", "Global Privacy Control refuses advertising; it cannot be consented with the signal on.");
        }

        // Stored in the policy's order with the strictly necessary ones, so equal choices read the same.
        var chosen = cookies.Categories.Where(c => c.Required || request.Categories.Contains(c.Id)).Select(c => c.Id).ToList();
        return (policy, chosen);
    }
}
