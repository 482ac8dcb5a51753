using System.Globalization;
using Custodian.Common;
using Custodian.Incidents;

namespace Custodian.Server.Incidents;

/// <summary>An incident as the API answers it: wire names for the enums, the assessment's reasoning and the open deadlines.</summary>
internal sealed record IncidentDto(
    Guid Id, int Number, DateTime LearnedAt, string LearnedHow, Guid LearnedBy, string Summary, string Cause, string Status,
    IReadOnlyList<string> Policies, IReadOnlyList<string> Items, string Containment, int? AffectedCount, int PersonsListed, bool Encrypted,
    string KeysExposed, AssessmentDto Assessment, DeadlinesDto Deadlines, IReadOnlyList<OpenDeadlineDto> OpenDeadlines,
    DateTime? PreliminaryReportedAt, DateTime? FinalReportedAt, string? DetectedBy, DateTime CreatedAt, DateTime? ClosedAt,
    IReadOnlyList<TimelineDto> Timeline)
{
    public static IncidentDto From(IncidentView view, DateOnly today)
    {
        var i = view.Incident;
        var a = view.Assessment;
        return new IncidentDto(
            i.Id, i.Number, i.LearnedAt, i.LearnedHow, i.LearnedBy, i.Summary, i.Cause.Name(), i.Status.Name(), i.PolicyIds, i.ItemIds, i.Containment,
            i.AffectedCount, view.PersonsListed, i.Encrypted, Kebab.ToKebab(i.KeysExposed),
            new AssessmentDto(Kebab.ToKebab(a.Computed), Kebab.ToKebab(a.Decision), a.Overridden, a.OverrideReason, a.Reasoning),
            new DeadlinesDto(Day(view.Deadlines.Preliminary), Day(view.Deadlines.Final)),
            [.. IncidentDeadlines.Of(view, today).Select(OpenDeadlineDto.From)],
            i.PreliminaryReportedAt, i.FinalReportedAt, i.DetectedBy, i.CreatedAt, i.ClosedAt,
            [.. view.Timeline.Select(e => new TimelineDto(e.At, e.Actor, e.Kind, e.Detail))]);
    }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

internal sealed record AssessmentDto(string Computed, string Decision, bool Overridden, string? OverrideReason, IReadOnlyList<string> Reasoning);

internal sealed record DeadlinesDto(string Preliminary, string Final);

internal sealed record OpenDeadlineDto(Guid IncidentId, int Number, string Status, string Report, string Due, bool Overdue)
{
    public static OpenDeadlineDto From(OpenDeadline d) =>
        new(d.IncidentId, d.Number, d.Status.Name(), Kebab.ToKebab(d.Report), IncidentDto.Day(d.Due), d.Overdue);
}

internal sealed record TimelineDto(DateTime At, string Actor, string Kind, string? Detail);

/// <summary>A registration or change as posted: dates and ids as text, so a malformed one gets a problem naming its field.</summary>
internal sealed record IncidentBody(
    string? LearnedAt, string? LearnedHow, string? LearnedBy, string? Summary, string? Cause, string[]? Policies, string[]? Items,
    string? Containment, int? AffectedCount, bool? Encrypted, string? KeysExposed)
{
    public Result<IncidentInput> ToInput()
    {
        DateTimeOffset? learnedAt = null;
        if (LearnedAt is not null)
        {
            if (!DateTimeOffset.TryParse(LearnedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return Failure.Invalid("learnedAt", "incident.learned-at", "The learning date is an ISO 8601 date and time, e.g. 2026-12-07T10:30:00+09:00.");
            }

            learnedAt = parsed;
        }

        Guid? learnedBy = null;
        if (LearnedBy is not null)
        {
            if (!Guid.TryParse(LearnedBy, out var by))
            {
                return Failure.Invalid("learnedBy", "incident.learned-by", "Who learned of it is a staff account id.");
            }

            learnedBy = by;
        }

        return new IncidentInput(learnedAt, LearnedHow, learnedBy, Summary, Cause, Policies, Items, Containment, AffectedCount, Encrypted, KeysExposed);
    }
}

internal sealed record StatusBody(string? Status);

internal sealed record OverrideBody(bool? Reportable, string? Reason);

internal sealed record PersonsBody(string[]? PersonIds);

internal sealed record ContainmentBody(string? Step, string? Subject);

internal sealed record DetectionBody(string? Kind, string? StaffId, DateTimeOffset? From, DateTimeOffset? To, int? Count);
