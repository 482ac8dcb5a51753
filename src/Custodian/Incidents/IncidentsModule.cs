using Custodian.Incidents.Notices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Custodian.Incidents;

public static class IncidentsModule
{
    /// <summary>The incident register, its assessment, deadlines, containment and detection hooks. Needs AddPolicy, AddAudit, AddStaff and AddProvision.</summary>
    public static IServiceCollection AddIncidents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IncidentsOptions>()
            .Bind(configuration.GetSection(IncidentsOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<IncidentsOptions>, IncidentsOptionsValidator>();
        services.AddSingleton(sp => new ReportDeadlines(sp.GetRequiredService<IOptions<IncidentsOptions>>().Value.Deadlines));
        services.AddSingleton(sp => new ReportableAssessor(sp.GetRequiredService<IOptions<IncidentsOptions>>().Value));
        services.AddSingleton<IncidentRegister>();
        services.AddSingleton<IncidentDeadlines>();
        services.AddSingleton<IncidentContainment>();
        services.AddSingleton<IncidentDetection>();
        services.AddHostedService<DetectionSchedule>();
        services.AddIncidentNotices();
        return services;
    }
}
