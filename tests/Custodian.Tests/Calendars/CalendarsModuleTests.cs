using Custodian.Calendars;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Custodian.Tests.Calendars.CalendarAssert;

namespace Custodian.Tests.Calendars;

public class CalendarsModuleTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddCalendars(configuration).BuildServiceProvider();
    }

    [Fact]
    public void Company_holidays_are_bound_per_calendar_from_the_Calendars_section()
    {
        using var services = Services(new()
        {
            ["Calendars:CompanyHolidays:jp:0"] = "2026-08-13",
            ["Calendars:CompanyHolidays:jp:1"] = "2026-08-14",
            ["Calendars:CompanyHolidays:mx:0"] = "2026-12-24",
        });
        var calendars = services.GetRequiredService<BusinessCalendars>();

        Assert.False(calendars.Get("jp").Value!.IsBusinessDay(D("2026-08-14")).Value);
        Assert.True(calendars.Get("mx").Value!.IsBusinessDay(D("2026-08-14")).Value);
        Assert.False(calendars.Get("mx").Value!.IsBusinessDay(D("2026-12-24")).Value);
    }

    [Fact]
    public void No_configuration_gives_the_legal_calendars()
    {
        using var services = Services([]);
        Assert.True(services.GetRequiredService<BusinessCalendars>().Get("jp").Value!.IsBusinessDay(D("2026-08-14")).Value);
    }

    [Theory]
    [InlineData("Calendars:CompanyHolidays:us:0", "2026-08-13", "Calendars:CompanyHolidays:us: unknown calendar id")]
    [InlineData("Calendars:CompanyHolidays:jp:0", "1979-05-01", "Calendars:CompanyHolidays:jp: 1979-05-01 lies outside")]
    [InlineData("Calendars:ElectionDays:mx:0", "2100-06-06", "Calendars:ElectionDays:mx: 2100-06-06 lies outside")]
    public void Invalid_configuration_is_refused_at_start(string key, string value, string expected)
    {
        using var services = Services(new() { [key] = value });
        var startup = services.GetRequiredService<IStartupValidator>();

        var error = Assert.Throws<OptionsValidationException>(startup.Validate);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unparsable_company_holiday_is_refused_at_start_not_dropped()
    {
        using var services = Services(new() { ["Calendars:CompanyHolidays:jp:0"] = "13 August" });

        var error = Assert.Throws<OptionsValidationException>(services.GetRequiredService<IStartupValidator>().Validate);
        Assert.Contains("Calendars:CompanyHolidays:jp: '13 August' is not a date", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructing_the_calendars_from_invalid_options_is_a_programming_error()
    {
        var options = new CalendarsOptions();
        options.CompanyHolidays["zz"] = ["2026-01-05"];
        Assert.Throws<ArgumentException>(() => new BusinessCalendars(options));
    }
}
