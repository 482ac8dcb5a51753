using Custodian.Calendars;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Staff;

internal static class AccessReviewServices
{
    /// <summary>The organisation and the access-log review; needs <c>AddCalendars</c> for the days off.</summary>
    public static IServiceCollection AddAccessReviews(this IServiceCollection services)
    {
        services.AddSingleton<Organisation>();
        services.AddSingleton<AccessReviews>();
        services.AddOptions<AccessReviewOptions>()
            .Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection(AccessReviewOptions.Section).Bind(o))
            .Validate(o => o.BulkPersons > 1 && o.BulkWindowMinutes > 0 && o.WidelyViewedStaff > 1, "Staff:AccessReview thresholds are positive (BulkPersons and WidelyViewedStaff at least 2).")
            .Validate(o => o.WorkdayStart < o.WorkdayEnd, "Staff:AccessReview:WorkdayStart is before WorkdayEnd.")
            .Validate(o => BusinessCalendars.Ids.Contains(o.Calendar), "Staff:AccessReview:Calendar is one of: " + string.Join(", ", BusinessCalendars.Ids) + ".")
            .Validate(o => string.IsNullOrWhiteSpace(o.TimeZone) || TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Staff:AccessReview:TimeZone is a known time zone id.")
            .Validate(o => o.CadenceDays > 0 && o.GraceDays >= 0 && o.MaxPeriodDays > 0 && o.MaxRows > 0, "Staff:AccessReview day counts are positive.")
            .ValidateOnStart();
        return services;
    }
}
