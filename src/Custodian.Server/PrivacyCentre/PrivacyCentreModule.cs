using Custodian.Policy;
using Custodian.Policy.Notices;
using Custodian.PrivacyCentre;
using Microsoft.Extensions.Options;
using Custodian.Server.Host;

namespace Custodian.Server.PrivacyCentre;

/// <summary>The privacy centre: its pages' language and cache, the cookie-consent API, CORS for the operator's sites, limits on public forms.</summary>
internal static class PrivacyCentreModule
{
    public static IServiceCollection AddPrivacyCentre(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPrivacyCentreServices(configuration);
        services.AddSingleton<SiteOrigins>();
        services.AddOutputCache(CentrePageCache.Configure);
        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<PrivacyCentreOptions>>((cors, centre) => cors.AddPolicy(SiteOrigins.CorsPolicy, policy => policy
                .WithOrigins([.. centre.Value.SiteOrigins])
                .WithMethods("GET", "POST")
                .WithHeaders("Content-Type")
                .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        return services;
    }

    public static WebApplication MapPrivacyCentre(this WebApplication app)
    {
        app.UseCors();
        app.UsePublicFormLimits();
        // <html lang> is written before the page renders, so every privacy-centre page's language is settled here.
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/privacy", StringComparison.OrdinalIgnoreCase))
            {
                context.Items["lang"] = CentreLanguage(context);
                PreferredLanguage.VaryByBrowser(context.Response);
            }

            return next(context);
        });
        app.UseOutputCache();
        app.MapCookieConsent();
        app.MapInquiryStatistics();
        return app;
    }

    /// <summary>The requested language where the policy has a notice in it, else the binding one (Japanese).</summary>
    public static string CentreLanguage(HttpContext context)
    {
        var store = context.RequestServices.GetRequiredService<PolicyStore>();
        var policy = context.Request.Query["policy"] is [{ } id] ? store.Find(id) : store.Default;
        if (policy is null)
        {
            return store.Default.BindingLanguage;
        }

        // ?lang wins; without it the browser's languages choose among the notice's, then the binding one.
        var asked = context.Request.Query["lang"] is [{ } lang] ? lang : PreferredLanguage.FromBrowser(context.Request, policy.Languages);
        return NoticeRenderer.LanguageFor(policy, asked);
    }
}
