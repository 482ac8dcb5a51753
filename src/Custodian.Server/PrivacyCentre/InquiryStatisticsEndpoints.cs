using Custodian.PrivacyCentre;
using Custodian.Server.Host;
using Custodian.Server.Staff;
using Custodian.Staff;

namespace Custodian.Server.PrivacyCentre;

/// <summary>GET /api/v1/inquiries/statistics: inquiry counts under the policy's statistics purpose (2b), no personal data.</summary>
internal static class InquiryStatisticsEndpoints
{
    public static WebApplication MapInquiryStatistics(this WebApplication app)
    {
        app.MapGet("/api/v1/inquiries/statistics", CountAsync).WithTags("Privacy centre").RequirePermission(Permissions.StatisticsRead)
            .WithSummary("Inquiries counted by month or state under the policy's statistics purpose (2b), small cells suppressed");
        return app;
    }

    private static async Task<IResult> CountAsync(string? by, string? policy, HttpContext http, InquiryStatistics statistics, CancellationToken ct) =>
        (await statistics.CountAsync(http.User.ToActor(), by, policy, ct)).ToResult(table => Results.Ok(table));
}
