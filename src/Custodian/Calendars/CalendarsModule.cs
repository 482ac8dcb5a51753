using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Custodian.Calendars;

public static class CalendarsModule
{
    public static IServiceCollection AddCalendars(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CalendarsOptions>()
            .Bind(configuration.GetSection(CalendarsOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CalendarsOptions>, CalendarsOptionsValidator>();
        services.AddSingleton(sp => new BusinessCalendars(sp.GetRequiredService<IOptions<CalendarsOptions>>().Value));
        return services;
    }
}
