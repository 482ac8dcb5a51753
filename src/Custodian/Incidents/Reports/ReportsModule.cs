using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Custodian.Incidents.Reports;

/// <summary>Drafts of the reports to the PPC. Needs AddIncidents, AddPolicy and AddRequests (the letters' font).</summary>
internal static class ReportsModule
{
    public static IServiceCollection AddIncidentReports(this IServiceCollection services)
    {
        services.TryAddSingleton<ReportTemplates>();
        return services.AddSingleton<ReportDrafts>();
    }
}
