using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Custodian.Policy;

/// <summary>
/// One line of the retention schedule: how long one kind of record is kept, and on what basis. The event a period
/// counts from is fixed per kind (<see cref="RecordKinds"/>), so a policy states only the length and its ground.
/// </summary>
public sealed record RetentionRule
{
    public required RecordKind Record { get; init; }
    public required RetentionPeriod Keep { get; init; }
    public required RetentionBasis Basis { get; init; }
    /// <summary>The law or contract relied on (article, clause); required unless the basis is the policy's own words.</summary>
    public string? Reference { get; init; }
    /// <summary>The policy's own words, verbatim from the binding-language notice; required when the basis is the policy.</summary>
    public string? Quote { get; init; }
    /// <summary>The heading of the binding notice's section the quote was found in.</summary>
    public string? QuoteSection { get; init; }
    /// <summary>Why this length, in the operator's words (shown on the schedule).</summary>
    public string? Note { get; init; }
}

/// <summary>The kinds of record the schedule covers; the ids are what a policy file writes.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RecordKind>))]
public enum RecordKind
{
    Persons,
    RequestForms,
    IdentityDocuments,
    Inquiries,
    CookieChoices,
    ConsentLines,
    ProvisionRecords,
    Releases,
    AuditEvents,
    Sessions,
}

[JsonConverter(typeof(JsonStringEnumConverter<RetentionBasis>))]
public enum RetentionBasis
{
    Law,
    Contract,
    Policy,
}

/// <summary>Each kind's id in policy files and what its period counts from.</summary>
public static class RecordKinds
{
    public static readonly IReadOnlyList<(RecordKind Kind, string Id, string After)> All =
    [
        (RecordKind.Persons, "persons", "the end of the service: the person's last activity (registration, correction, consent line, entry, provision, request), with no request open; contact-form persons go with their inquiry"),
        (RecordKind.RequestForms, "request-forms", "the conclusion of the request (closed, or answered)"),
        (RecordKind.IdentityDocuments, "identity-documents", "the document's review, or the conclusion of its request if it was never reviewed"),
        (RecordKind.Inquiries, "inquiries", "the answer to the inquiry (open inquiries are kept)"),
        (RecordKind.CookieChoices, "cookie-choices", "the choice"),
        (RecordKind.ConsentLines, "consent-lines", "the erasure of the person, and while no kept provision record or entry names the line"),
        (RecordKind.ProvisionRecords, "provision-records", "the provision, never before its keep-until date nor while its entry is open"),
        (RecordKind.Releases, "releases", "the release's creation (its rows and processing method go; the report and publication stay)"),
        (RecordKind.AuditEvents, "audit-events", "the event (pruned behind a signed checkpoint that becomes the chain's start)"),
        (RecordKind.Sessions, "sessions", "the session's end or last use"),
    ];

    public static string Id(RecordKind kind) => All.First(k => k.Kind == kind).Id;

    public static string After(RecordKind kind) => All.First(k => k.Kind == kind).After;

    public static RecordKind? Find(string id) => All.FirstOrDefault(k => k.Id == id) is { Id: not null } found ? found.Kind : null;
}

[JsonConverter(typeof(JsonStringEnumConverter<PeriodUnit>))]
public enum PeriodUnit
{
    Days,
    Weeks,
    Months,
    Years,
}

/// <summary>A positive length of calendar time, written as "30 days", "6 months" or "3 years".</summary>
public readonly partial record struct RetentionPeriod(int Count, PeriodUnit Unit)
{
    /// <summary>Longer than any record is kept; it also keeps the arithmetic on dates within range.</summary>
    public const int MaxYears = 100;

    /// <summary>The instant a record counting from before which has expired at <paramref name="now"/>.</summary>
    public DateTime Before(DateTime now) => Unit switch
    {
        PeriodUnit.Days => now.AddDays(-Count),
        PeriodUnit.Weeks => now.AddDays(-7 * Count),
        PeriodUnit.Months => now.AddMonths(-Count),
        _ => now.AddYears(-Count),
    };

    public int ApproximateDays => Unit switch
    {
        PeriodUnit.Days => Count,
        PeriodUnit.Weeks => 7 * Count,
        PeriodUnit.Months => 31 * Count,
        _ => 366 * Count,
    };

    /// <summary>Parses "N unit"; null with the reason when the text is not a positive period of at most <see cref="MaxYears"/> years.</summary>
    public static (RetentionPeriod? Period, string? Problem) Parse(string text)
    {
        var match = Syntax().Match(text.Trim());
        if (!match.Success || !long.TryParse(match.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count))
        {
            return (null, "must be a whole number and a unit, such as 30 days, 6 months or 3 years");
        }

        if (count <= 0)
        {
            return (null, $"must be positive (found {count})");
        }

        var unit = match.Groups[2].Value.TrimEnd('s') switch
        {
            "day" => PeriodUnit.Days,
            "week" => PeriodUnit.Weeks,
            "month" => PeriodUnit.Months,
            _ => PeriodUnit.Years,
        };
        var period = count > 366 * MaxYears ? null : new RetentionPeriod((int)count, unit) as RetentionPeriod?;
        return period is { ApproximateDays: <= 366 * MaxYears } ? (period, null) : (null, $"must be at most {MaxYears} years");
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Count} {(Count == 1 ? Unit.ToString().ToLowerInvariant().TrimEnd('s') : Unit.ToString().ToLowerInvariant())}");

    [GeneratedRegex(@"^([+-]?\d{1,9})\s*(days?|weeks?|months?|years?)$")]
    private static partial Regex Syntax();
}
