using Custodian.Server.Components.Language;

namespace Custodian.Server.StaffConsole;

/// <summary>The staff console's own pieces: its language, the home page's figures, the persons list and the audit-log viewer.</summary>
internal static class ConsoleModule
{
    public static IServiceCollection AddConsole(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ConsoleText>();
        services.AddSingleton<DashboardQueries>();
        services.AddSingleton<RetentionFigure>();
        services.AddSingleton<RequestsFigure>();
        services.AddSingleton<StaffNames>();
        services.AddSingleton<PersonList>();
        services.AddSingleton<AuditViewer>();
        services.AddSingleton<AuditPersonNames>();
        services.AddSingleton<PersonRecords>();
        return services;
    }

    public static WebApplication MapConsole(this WebApplication app)
    {
        app.UseConsoleLanguage();
        app.MapAuditExport();
        return app;
    }
}
