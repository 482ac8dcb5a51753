using System.ComponentModel.DataAnnotations;
using Custodian.Policy;
using Microsoft.Extensions.Options;

namespace Custodian.Anonymization;

/// <summary>The <c>Anonymization</c> section: defaults of a release, statistics' cell threshold, the schedule.</summary>
public sealed class ReleaseOptions
{
    public const string Section = "Anonymization";

    /// <summary>k of step 5 when a release does not name one.</summary>
    [Range(2, 1_000_000)]
    public int K { get; set; } = 5;

    /// <summary>Share of rows that step 5 may suppress when a release does not name one.</summary>
    [Range(0.0, 1.0)]
    public double SuppressionLimit { get; set; } = 0.05;

    /// <summary>Statistics cells counting fewer persons than this are not shown.</summary>
    [Range(2, 1_000_000)]
    public int MinimumCellSize { get; set; } = 10;

    /// <summary>The purpose of use under which a release or statistics reads items through the gate.</summary>
    [Required]
    public string Purpose { get; set; } = "service.statistics";

    /// <summary>Step 4: dates of birth of persons older than this are top-coded.</summary>
    [Range(18, 120)]
    public int TopCodeAge { get; set; } = 80;

    /// <summary>Step 4: years of experience above this are top-coded.</summary>
    [Range(1, 80)]
    public int TopCodeExperienceYears { get; set; } = 40;

    /// <summary>Career category by a word of the job title (case-insensitive); titles matching none fall in "other".</summary>
    public Dictionary<string, string> CareerCategories { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["nurse"] = "health care", ["care"] = "health care", ["doctor"] = "health care", ["pharmac"] = "health care",
        ["engineer"] = "engineering and IT", ["developer"] = "engineering and IT", ["software"] = "engineering and IT",
        ["account"] = "finance", ["finance"] = "finance", ["sales"] = "sales", ["teacher"] = "education",
    };

    public ReleaseSchedule Schedule { get; set; } = new();
}

/// <summary><c>Anonymization:Schedule</c>: the policy's "continuously create", off unless switched on.</summary>
public sealed class ReleaseSchedule
{
    public bool Enabled { get; set; }

    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The policy released; the default policy when empty.</summary>
    public string? PolicyId { get; set; }

    /// <summary>Why each scheduled release uses everyone, kept sealed with each use; required when <c>Anonymization:Purpose</c> is a catch-all.</summary>
    public string? Reason { get; set; }
}

/// <summary>Checks the section against the loaded policies at start, so a bad setting stops the host, not a night's release.</summary>
internal sealed class ReleaseOptionsValidator(PolicyStore policies) : IValidateOptions<ReleaseOptions>
{
    public ValidateOptionsResult Validate(string? name, ReleaseOptions options)
    {
        var errors = new List<string>();
        if (policies.Default.FindPurpose(options.Purpose) is null)
        {
            errors.Add($"Anonymization:Purpose '{options.Purpose}' is not a purpose of use of policy {policies.Default.Id}.");
        }

        if (options.Schedule.Interval < TimeSpan.FromMinutes(1) || options.Schedule.Interval > TimeSpan.FromDays(31))
        {
            errors.Add("Anonymization:Schedule:Interval must lie between 00:01:00 and 31.00:00:00.");
        }

        if (!string.IsNullOrEmpty(options.Schedule.PolicyId) && policies.Find(options.Schedule.PolicyId) is null)
        {
            errors.Add($"Anonymization:Schedule:PolicyId '{options.Schedule.PolicyId}' is not a loaded policy.");
        }

        // A catch-all purpose is refused without a reason: without one configured, every scheduled release would fail.
        var scheduled = string.IsNullOrEmpty(options.Schedule.PolicyId) ? policies.Default : policies.Find(options.Schedule.PolicyId);
        if (options.Schedule.Enabled && string.IsNullOrWhiteSpace(options.Schedule.Reason) && scheduled?.FindPurpose(options.Purpose) is { CatchAll: true })
        {
            errors.Add($"Anonymization:Schedule:Reason is required: Anonymization:Purpose '{options.Purpose}' is a catch-all purpose, and each use of it needs a reason.");
        }

        if (options.Schedule.Reason is { Length: > Gate.UseReasons.MaxLength })
        {
            errors.Add($"Anonymization:Schedule:Reason is at most {Gate.UseReasons.MaxLength} characters.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
