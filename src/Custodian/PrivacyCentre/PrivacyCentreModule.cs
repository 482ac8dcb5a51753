using Custodian.Gate;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Custodian.PrivacyCentre;

public static class PrivacyCentreModule
{
    /// <summary>Cookie choices, contact-form inquiries, and the gate's rule on provision to affiliates.</summary>
    public static IServiceCollection AddPrivacyCentreServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PrivacyCentreOptions>().Bind(configuration.GetSection(PrivacyCentreOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PrivacyCentreOptions>, PrivacyCentreOptionsValidator>();
        services.AddSingleton<CookieChoiceRecorder>();
        services.AddSingleton<CookieConsent>();
        services.AddSingleton<CookieFigures>();
        services.AddSingleton<Inquiries>();
        services.AddSingleton<InquiryStatistics>();
        services.AddSingleton<IGateCheck, AffiliateSharingCheck>();
        return services;
    }
}
