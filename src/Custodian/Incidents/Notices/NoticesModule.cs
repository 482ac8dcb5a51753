using Custodian.Incidents.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Custodian.Incidents.Notices;

/// <summary>Notices to persons and public notices. Needs AddMail (the outbox and its templates), AddVault and AddRequests (the letters' font).</summary>
internal static class NoticesModule
{
    public static IServiceCollection AddIncidentNotices(this IServiceCollection services)
    {
        // The cause's wording comes from the report texts, so the notice and the report say the same.
        services.TryAddSingleton<ReportTemplates>();
        return services.AddSingleton<NoticeTexts>().AddSingleton<IncidentNotices>().AddSingleton<NoticeLetters>().AddSingleton<PublicNotices>();
    }
}
