using Custodian.Policy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Retention;

public static class RetentionModule
{
    /// <summary>The retention schedule and its disposal run, and the server's schedule for it. Needs AddPolicy, AddAudit and AddVault.</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>()
            .Bind(configuration.GetSection(RetentionOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp => new RetentionSchedule(sp.GetRequiredService<PolicyStore>()));
        services.AddSingleton<IRecordDisposer, PersonsDisposer>();
        services.AddSingleton<IRecordDisposer, RequestFormsDisposer>();
        services.AddSingleton<IRecordDisposer, IdentityDocumentsDisposer>();
        services.AddSingleton<IRecordDisposer, InquiriesDisposer>();
        services.AddSingleton<IRecordDisposer, CookieChoicesDisposer>();
        services.AddSingleton<IRecordDisposer, ConsentLinesDisposer>();
        services.AddSingleton<IRecordDisposer, ProvisionRecordsDisposer>();
        services.AddSingleton<IRecordDisposer, ReleasesDisposer>();
        services.AddSingleton<IRecordDisposer, AuditEventsDisposer>();
        services.AddSingleton<IRecordDisposer, SessionsDisposer>();
        services.AddSingleton<DisposalRun>();
        services.AddHostedService<RetentionScheduler>();
        return services;
    }
}
