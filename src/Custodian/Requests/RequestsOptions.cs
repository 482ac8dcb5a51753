using System.ComponentModel.DataAnnotations;

namespace Custodian.Requests;

/// <summary>Settings under <c>Requests</c>.</summary>
public sealed class RequestsOptions : IValidatableObject
{
    public const string Section = "Requests";

    /// <summary>
    /// The policy says the Disclosure Request Form is disposed of "after a certain period of time from concluding
    /// the procedure" without naming it: the operator sets it here, in days after the request is closed.
    /// </summary>
    [Range(1, 3650)]
    public int FormRetentionDays { get; set; } = 365;

    /// <summary>Largest document accepted; stays below the server's 1 MiB body limit with room for the form fields.</summary>
    [Range(1024, 1_000_000)]
    public int MaxDocumentBytes { get; set; } = 900 * 1024;

    /// <summary>After this many idle minutes the status page asks for the secret again.</summary>
    [Range(1, 1440)]
    public int StatusIdleMinutes { get; set; } = 15;

    /// <summary>The TrueType font letters are set in; it must have Japanese glyphs (Debian: fonts-ipaexfont-gothic).</summary>
    [Required]
    public string LetterFont { get; set; } = Letters.LetterFonts.DefaultPath;

    /// <summary>Business days before the due date on which a reminder falls.</summary>
    [Length(1, 10)]
    public int[] ReminderBusinessDays { get; set; } = [5, 2, 1];

    /// <summary>How often the server looks for reminders that have fallen due; 0 leaves it to <c>custodian requests remind</c>.</summary>
    [Range(0, 1440)]
    public int ReminderCheckMinutes { get; set; } = 60;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ReminderBusinessDays.Any(d => d is < 1 or > 30))
        {
            yield return new ValidationResult("Each reminder falls 1 to 30 business days before the due date.", [nameof(ReminderBusinessDays)]);
        }
    }
}
