namespace Custodian.Staff;

/// <summary>
/// The <c>Staff:AccessReview</c> section: what the regular check of access logs flags, and how often each
/// department's information manager must sign a review off.
/// </summary>
public sealed class AccessReviewOptions
{
    public const string Section = "Staff:AccessReview";

    /// <summary>A bulk read: at least this many different persons read by one staff member within <see cref="BulkWindowMinutes"/>.</summary>
    public int BulkPersons { get; set; } = 30;

    public int BulkWindowMinutes { get; set; } = 10;

    /// <summary>Working hours, local to <see cref="TimeZone"/>, on the business days of <see cref="Calendar"/>.</summary>
    public TimeOnly WorkdayStart { get; set; } = new(8, 0);

    public TimeOnly WorkdayEnd { get; set; } = new(20, 0);

    /// <summary>The business calendar whose days off count as outside working hours (<c>jp</c> or <c>mx</c>).</summary>
    public string Calendar { get; set; } = "jp";

    /// <summary>An IANA or Windows time zone id; empty means the calendar's own zone.</summary>
    public string TimeZone { get; set; } = "";

    /// <summary>A person viewed by at least this many different staff members in the period is flagged.</summary>
    public int WidelyViewedStaff { get; set; } = 5;

    /// <summary>A department's review is due this many days after the end of the last period signed off (or its creation).</summary>
    public int CadenceDays { get; set; } = 31;

    /// <summary>Days after the due date before the review counts as overdue.</summary>
    public int GraceDays { get; set; } = 7;

    /// <summary>The longest period one report covers, which keeps a report's scan bounded.</summary>
    public int MaxPeriodDays { get; set; } = 366;

    /// <summary>Rows listed per section of a report; counts are always complete.</summary>
    public int MaxRows { get; set; } = 200;
}
