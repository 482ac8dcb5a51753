using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Incidents.Affected;

/// <summary>Who is affected by an incident: from the audit chain, or from an uploaded list.</summary>
internal static class AffectedModule
{
    public static IServiceCollection AddIncidentAffected(this IServiceCollection services) =>
        services.AddSingleton<AffectedPersons>().AddSingleton<PersonIdList>();
}
