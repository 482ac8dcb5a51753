using Custodian.Incidents.Affected;
using Custodian.Incidents.Notices;
using Custodian.Incidents.Reports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Custodian.Incidents;

public static class IncidentsModule
{
    /// <summary>The incident register, its assessment, deadlines, containment, detection hooks, affected persons and report drafts. Needs AddPolicy, AddAudit, AddStaff and AddProvision.</summary>
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
        return services.AddIncidentAffected().AddIncidentReports();
    }
}
