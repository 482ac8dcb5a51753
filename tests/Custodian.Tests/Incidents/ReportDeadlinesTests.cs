using Custodian.Incidents;

namespace Custodian.Tests.Incidents;

/// <summary>
/// The PPC guideline's counting against dates worked out by hand on a paper calendar (not by this code): day one is the
/// day of learning; a final report's last day on a Saturday, Sunday, national holiday or 29 Dec–3 Jan moves to the next open day.
/// </summary>
public sealed class ReportDeadlinesTests
{
    private static readonly ReportDeadlines Guideline = new(new DeadlineCounting());

    [Theory]
    // Monday 7 Dec 2026: day 5 is Friday 11 Dec; day 30 is Tuesday 5 Jan 2027.
    [InlineData("2026-12-07", "error", "2026-12-11", "2027-01-05")]
    // Wrongful purpose: day 60 of 7 Dec 2026 is Thursday 4 Feb 2027.
    [InlineData("2026-12-07", "unauthorized-access", "2026-12-11", "2027-02-04")]
    [InlineData("2026-12-07", "web-skimming", "2026-12-11", "2027-02-04")]
    // Year end: day 30 of Monday 30 Nov 2026 is Tuesday 29 Dec, closed through Sunday 3 Jan: due Monday 4 Jan 2027.
    [InlineData("2026-11-30", "error", "2026-12-04", "2027-01-04")]
    // Holiday: day 30 of Wednesday 13 Jan 2027 is Thursday 11 Feb, National Foundation Day: due Friday 12 Feb.
    [InlineData("2027-01-13", "loss-or-theft", "2027-01-17", "2027-02-12")]
    // Weekend: day 30 of Saturday 6 Mar 2027 is Sunday 4 Apr: due Monday 5 Apr.
    [InlineData("2027-03-06", "other", "2027-03-10", "2027-04-05")]
    // Golden Week: day 30 of Friday 2 Apr 2027 is Saturday 1 May; 2–5 May are Sunday and holidays: due Thursday 6 May.
    [InlineData("2027-04-02", "error", "2027-04-06", "2027-05-06")]
    public void The_guideline_rule_gives_the_hand_computed_dates(string learned, string cause, string preliminary, string final)
    {
        Assert.True(IncidentCauses.TryParse(cause, out var c));

        var dates = Guideline.For(DateOnly.Parse(learned, System.Globalization.CultureInfo.InvariantCulture), c);

        Assert.Equal((preliminary, final), (Iso(dates.Preliminary), Iso(dates.Final)));
    }

    [Fact]
    public void Counting_from_the_day_after_learning_moves_both_dates_one_day_later_before_rolling()
    {
        var dayAfter = new ReportDeadlines(new DeadlineCounting { FirstDay = FirstDay.DayAfter });

        // Day 30 counted from Tuesday 8 Dec 2026 is Wednesday 6 Jan 2027; day 5 is Saturday 12 Dec (not rolled).
        var dates = dayAfter.For(new DateOnly(2026, 12, 7), IncidentCause.Error);

        Assert.Equal(("2026-12-12", "2027-01-06"), (Iso(dates.Preliminary), Iso(dates.Final)));
    }

    [Fact]
    public void Without_rolling_the_last_day_stays_on_the_closed_day()
    {
        var plain = new ReportDeadlines(new DeadlineCounting { RollFinalPastClosedDays = false });

        Assert.Equal("2026-12-29", Iso(plain.For(new DateOnly(2026, 11, 30), IncidentCause.Error).Final));
    }

    [Fact]
    public void The_learning_instant_counts_on_its_date_in_Japan()
    {
        // 16:30 UTC on 6 Dec is 01:30 on 7 Dec in Tokyo.
        Assert.Equal(new DateOnly(2026, 12, 7), ReportDeadlines.LearnedOn(new DateTime(2026, 12, 6, 16, 30, 0, DateTimeKind.Utc)));
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
