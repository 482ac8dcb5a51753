using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Incidents.Reports;

/// <summary>Drafts of the reports to the PPC. Needs AddIncidents, AddPolicy and AddRequests (the letters' font).</summary>
internal static class ReportsModule
{
    public static IServiceCollection AddIncidentReports(this IServiceCollection services) =>
        services.AddSingleton<ReportTemplates>().AddSingleton<ReportDrafts>();
}
