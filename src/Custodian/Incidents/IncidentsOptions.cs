using System.ComponentModel.DataAnnotations;

namespace Custodian.Incidents;

/// <summary>Incidents: how report deadlines are counted, which items are sensitive or financial, and detection rules.</summary>
public sealed class IncidentsOptions
{
    public const string Section = "Incidents";

    public DeadlineCounting Deadlines { get; set; } = new();

    /// <summary>
    /// Items whose leak makes one person enough (Enforcement Rule Art. 7(i), 要配慮個人情報), as <c>policy/item</c>. The
    /// policy files do not mark them; none of the shipped policies' items is sensitive. Checked against the policies at start.
    /// </summary>
    public string[] SensitiveItems { get; set; } = [];

    /// <summary>Items whose misuse risks financial damage (Art. 7(ii): card numbers, banking credentials), as <c>policy/item</c>.</summary>
    public string[] FinancialItems { get; set; } = [];

    /// <summary>Detection hooks that open a suspected incident by themselves; off by default (a person reviews the finding).</summary>
    public DetectionOptions Detection { get; set; } = new();

    /// <summary>How notices to persons read their addresses through the gate and which language they are written in.</summary>
    public Notices.NoticeOptions Notices { get; set; } = new();
}

/// <summary>
/// The PPC guideline's counting (通則編 3-5-3-3, 3-5-3-4; see docs/incidents.md): the day of learning is day one; a
/// final report whose last day is a Saturday, Sunday, national holiday or 29 December–3 January is due the next day
/// that is none of those.
/// </summary>
public sealed class DeadlineCounting
{
    /// <summary>Which day counts as day one.</summary>
    public FirstDay FirstDay { get; set; } = FirstDay.LearnedDay;

    /// <summary>The preliminary report's outer day ("about 3 to 5 days").</summary>
    [Range(1, 30)]
    public int PreliminaryDays { get; set; } = 5;

    [Range(1, 365)]
    public int FinalDays { get; set; } = 30;

    /// <summary>The final report's days when the leak was likely for a wrongful purpose (Rule Art. 8(2)).</summary>
    [Range(1, 365)]
    public int WrongfulPurposeFinalDays { get; set; } = 60;

    /// <summary>Whether a final report's last day on a government closing day moves to the next open day.</summary>
    public bool RollFinalPastClosedDays { get; set; } = true;

    /// <summary>Whether the preliminary report's last day moves the same way; the guideline says so for the final report only.</summary>
    public bool RollPreliminaryPastClosedDays { get; set; }

    /// <summary>What breaks the rules, each naming its key; for the start's validation and a command that reads only this.</summary>
    public IEnumerable<string> Problems()
    {
        const string Key = IncidentsOptions.Section + ":Deadlines";
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true);
        foreach (var result in results)
        {
            yield return $"{Key}:{string.Join(",", result.MemberNames)}: {result.ErrorMessage}";
        }

        if (PreliminaryDays > FinalDays || FinalDays > WrongfulPurposeFinalDays)
        {
            yield return $"{Key}: PreliminaryDays <= FinalDays <= WrongfulPurposeFinalDays.";
        }

        if (!Enum.IsDefined(FirstDay))
        {
            yield return $"{Key}:FirstDay: LearnedDay or DayAfter.";
        }
    }
}

public enum FirstDay
{
    /// <summary>The day of learning is day one (the PPC guideline).</summary>
    LearnedDay = 0,
    /// <summary>The day after learning is day one (the Civil Code's Art. 140 default, for an office that wants the later date).</summary>
    DayAfter = 1,
}

public sealed class DetectionOptions
{
    /// <summary>Open a suspected incident for every bulk-read or out-of-hours finding of the access review.</summary>
    public bool OpenFromAccessReview { get; set; }

    /// <summary>Open one when an account's gate refusals in a day reach <see cref="RefusalThreshold"/>.</summary>
    public bool OpenFromGateRefusals { get; set; }

    [Range(2, 100_000)]
    public int RefusalThreshold { get; set; } = 20;

    /// <summary>Open one when failed sign-ins in a day, over all accounts, reach <see cref="FailedSignInThreshold"/>.</summary>
    public bool OpenFromFailedSignIns { get; set; }

    [Range(2, 100_000)]
    public int FailedSignInThreshold { get; set; } = 50;
}
