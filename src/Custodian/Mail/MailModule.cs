using Custodian.Provision;
using Custodian.Requests;
using Custodian.Vault;
using Custodian.Vault.Keys;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Custodian.Mail;

public static class MailModule
{
    /// <summary>
    /// The durable outbox and its sender, and the messages of requests, reminders and company notices. Call after
    /// AddRequests and AddProvision: it replaces their silent defaults.
    /// </summary>
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MailOptions>, MailOptionsValidation>();
        services.AddSingleton<MailTemplates>();
        services.AddSingleton<MailSeal>();
        services.AddSingleton<MailOutbox>();
        services.AddSingleton<IMailOutbox>(sp => sp.GetRequiredService<MailOutbox>());
        services.AddSingleton<IErasureParticipant>(sp => sp.GetRequiredService<MailOutbox>());
        services.AddSingleton<IWrappedKeyTable, MailKeyTable>();
        services.AddSingleton<IWrappedKeyTable, MailContactKeyTable>();
        services.AddSingleton<MailSender>();
        services.AddSingleton<MailQueue>();
        services.AddSingleton<MailContacts>();
        services.AddSingleton<IRequestNotices, RequestMail>();
        services.AddSingleton<ICompanyNotices, CompanyMail>();
        services.AddHostedService<MailSchedule>();
        services.AddHealthChecks().AddCheck<MailHealthCheck>("mail", tags: ["ready"]);
        return services;
    }
}
