using Custodian.Policy;
using Microsoft.AspNetCore.OutputCaching;

namespace Custodian.Server.PrivacyCentre;

/// <summary>
/// The notice and the joint-use notice carry no form and nothing of the visitor: each is rendered once per
/// policy version and language, then served from memory. Pages with forms (contact, requests) carry a fresh
/// antiforgery token per visitor and are rendered every time.
/// </summary>
internal static class CentrePageCache
{
    private static readonly string[] Pages = ["/privacy", "/privacy/joint-use"];

    public static void Configure(OutputCacheOptions options) => options.AddBasePolicy(page => page
        .With(c => Pages.Any(p => c.HttpContext.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase)))
        // Only a loaded policy's page is a 200 and stored; the language is normalized, so made-up ones share an entry.
        .SetVaryByQuery("policy")
        .VaryByValue(Version)
        .Expire(TimeSpan.FromHours(1)));

    private static KeyValuePair<string, string> Version(HttpContext context)
    {
        var store = context.RequestServices.GetRequiredService<PolicyStore>();
        var policy = context.Request.Query["policy"] is [{ } id] ? store.Find(id) : store.Default;
        return new("notice", $"{policy?.Id}@{policy?.Version}/{PrivacyCentreModule.CentreLanguage(context)}");
    }
}
