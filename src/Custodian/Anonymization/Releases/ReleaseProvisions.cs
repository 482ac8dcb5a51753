using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Anonymization;

/// <summary>Provides releases to the recipients the policy names, and reads the public list of releases.</summary>
public sealed class ReleaseProvisions(IDbContextFactory<CustodianDb> factory, PolicyStore policies, AuditLog audit, TimeProvider time)
{
    /// <summary>The ways the policy says anonymized processed information is provided (its terms).</summary>
    public static readonly IReadOnlyList<string> Methods = ["document", "telephone", "fax", "electronic-media", "e-mail"];

    private const string Term = "anonymized-processed-information";

    public async Task<Result<ReleaseProvision>> ProvideAsync(Actor actor, Guid releaseId, string? recipient, string? method, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var release = await db.Set<AnonymizedRelease>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == releaseId, cancellationToken);
        if (release is null) return AnonymizedReleases.Unknown();
        var policy = policies.Find(release.PolicyId) ?? throw new InvalidOperationException($"Release {releaseId} names an unloaded policy.");
        var partner = policy.Recipients.AdvertisingPartners.FirstOrDefault(p => p.Name == recipient && p.Receives == Term);
        if (partner is null)
        {
            return Failure.Invalid("recipient", "provision.unknown-recipient",
                $"Recipients of anonymized processed information in policy {policy.Id}: {string.Join(", ", policy.Recipients.AdvertisingPartners.Select(p => p.Name))}.");
        }

        if (method is null || !Methods.Contains(method) || !policy.Terms.ContainsKey(method))
        {
            return Failure.Invalid("method", "provision.unknown-method", $"Methods of provision: {string.Join(", ", Methods.Where(policy.Terms.ContainsKey))}.");
        }

        var provision = new ReleaseProvision
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()), ReleaseId = releaseId, Recipient = partner.Name, Method = method,
            Statement = Statement(policy, release, method), At = time.GetUtcNow().UtcDateTime, By = actor.AuditName,
        };
        db.Add(provision);
        await audit.CommitAsync(db, [new AuditEntry(AuditEventType.ReleaseProvided, actor.AuditName, Items: release.Items, Reason: method, Subject: releaseId.ToString())], cancellationToken);
        return provision;
    }

    public async Task<IReadOnlyList<ReleaseProvision>> ProvisionsAsync(Guid releaseId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var provisions = await db.Set<ReleaseProvision>().AsNoTracking().Where(p => p.ReleaseId == releaseId).ToListAsync(cancellationToken);
        return provisions.OrderBy(p => p.At).ToList();
    }

    /// <summary>Every entry of the public page of one policy, newest first: the whole history, never edited.</summary>
    public async Task<IReadOnlyList<PublicationEntry>> PublicationsAsync(string policyId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Set<PublicationEntry>().AsNoTracking().Where(p => p.PolicyId == policyId)
            .OrderByDescending(p => p.Version).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The statement that goes with every provision: that the data is anonymized processed information, its items and the
    /// method, in the binding language and in English, in the policy's own words.
    /// </summary>
    internal static string Statement(PrivacyPolicy policy, AnonymizedRelease release, string method)
    {
        string Line(string language)
        {
            var items = release.Items.Split(',').Select(id => policy.FindItem(id)?.Name[language] ?? id);
            var term = policy.Terms.TryGetValue(Term, out var t) ? t[language] : Term;
            return $"{term}: {string.Join(", ", items)} ({policy.Terms[method][language]})";
        }

        return policy.BindingLanguage == "en" ? Line("en") : $"{Line(policy.BindingLanguage)} / {Line("en")}";
    }
}
