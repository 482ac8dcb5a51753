using Custodian.Requests.Letters;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Custodian.Requests;

public static class RequestsModule
{
    /// <summary>Requests from people: intake, documents, the deadline clock, fulfilment and letters. Needs AddVault and AddCalendars.</summary>
    public static IServiceCollection AddRequests(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RequestsOptions>()
            .Bind(configuration.GetSection(RequestsOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<RequestCrypto>();
        services.AddSingleton<Vault.Keys.IWrappedKeyTable, RequestKeyTable>();
        services.AddSingleton<RequestRecords>();
        services.AddSingleton<RequestIntake>();
        services.AddSingleton<RequestDocuments>();
        services.AddSingleton<RequestWorkflow>();
        services.AddSingleton<RequestFulfilment>();
        services.AddSingleton<RequestQueries>();
        services.AddSingleton<RequestSubmissions>();
        services.AddSingleton<StatusSecretGuard>();
        services.AddSingleton<RequestReminders>();
        services.AddHostedService<ReminderSchedule>();
        services.AddSingleton<DisclosureGatherer>();
        services.AddSingleton<LetterTemplates>();
        services.AddSingleton<LetterWriter>();
        services.AddSingleton<LetterWords>();
        // The provision module registers the real records; until then a disclosure lists none.
        services.TryAddSingleton<IProvisionRecordSource, NoProvisionRecords>();
        // The mail module (AddMail) tells people by e-mail; without it nothing is sent.
        services.TryAddSingleton<IRequestNotices, NoRequestNotices>();
        return services;
    }
}
