using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Custodian.Incidents.Reports;

/// <summary>Drafts of the reports to the PPC. Needs AddIncidents, AddPolicy and AddRequests (the letters' font).</summary>
internal static class ReportsModule
{
    public static IServiceCollection AddIncidentReports(this IServiceCollection services)
    {
        services.TryAddSingleton<ReportTemplates>();
        services.AddHostedService<ReportTemplatesCheck>();
        return services.AddSingleton<ReportDrafts>();
    }
}

/// <summary>Reads the report templates when the server starts, so a broken file stops the start, not the worst day's first draft.</summary>
internal sealed class ReportTemplatesCheck(IServiceProvider services) : Microsoft.Extensions.Hosting.IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<ReportTemplates>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
