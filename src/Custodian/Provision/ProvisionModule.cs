using Custodian.Consent;
using Custodian.Gate;
using Custodian.Staff;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Custodian.Provision;

public static class ProvisionModule
{
    /// <summary>Client companies, entries and provision records, stops, joint use, outsourcing, and the consent choices.</summary>
    public static IServiceCollection AddProvision(this IServiceCollection services)
    {
        services.TryAddSingleton<ApiTokens>();
        services.AddSingleton<ClientCompanyRegistry>();
        services.AddSingleton<EntryWriter>();
        services.AddSingleton<Entries>();
        // The mail module (AddMail) mails the companies; without it they are told in the console only.
        services.TryAddSingleton<ICompanyNotices, NoCompanyNotices>();
        services.AddSingleton<ProvisionStops>();
        services.AddSingleton<RecipientSide>();
        services.AddSingleton<WithoutConsent>();
        services.AddSingleton<JointUseNotices>();
        services.AddSingleton<ConsigneeScopes>();
        services.AddSingleton<Consignees>();
        services.AddSingleton<ConsentChoices>();
        // Requests' disclosure shows the provision records; registered before AddRequests' empty default.
        services.AddSingleton<Requests.IProvisionRecordSource, DisclosedProvisionRecords>();
        services.AddSingleton<IGateCheck, CompanyUserCheck>();
        services.AddSingleton<IGateCheck, JointUserCheck>();
        services.AddSingleton<IGateCheck, ConsigneeCheck>();
        services.AddSingleton<IGateViewFilter, JointUserItemsFilter>();
        services.AddSingleton<IGateUseRecord, JointUserAbroadRecords>();
        services.AddSingleton<IGateViewFilter, ConsigneeItemsFilter>();
        return services;
    }
}
