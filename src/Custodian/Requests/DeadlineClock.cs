using Custodian.Calendars;
using Custodian.Common;
using Custodian.Policy;

namespace Custodian.Requests;

/// <summary>
/// The response deadline: N business days (the policy's number, in the policy's calendar) from the day the
/// completed form and the identity documents had all been received. Waiting for the person stops the clock;
/// the business days it waited are added back on resuming. An extension adds days with a reason.
/// </summary>
internal static class DeadlineClock
{
    public static Result<RequestClockEvent> Start(DataRequest request, DateTime at, PrivacyPolicy policy, BusinessCalendar calendar)
    {
        request.ClockStartedAt = at;
        if (policy.Requests.DeadlineBusinessDays is not { } days)
        {
            // The policy promises no number of days: the request has no due date.
            return Event(request, at, ClockEventKind.Started, 0, null);
        }

        var due = calendar.DueDate(new DateTimeOffset(at, TimeSpan.Zero), days);
        if (due.Failure is { } failure)
        {
            return failure;
        }

        request.DueOn = due.Value;
        return Event(request, at, ClockEventKind.Started, days, null);
    }

    public static RequestClockEvent Pause(DataRequest request, DateTime at, string reason)
    {
        request.PausedSince = at;
        return Event(request, at, ClockEventKind.Paused, 0, reason);
    }

    public static Result<RequestClockEvent> Resume(DataRequest request, DateTime at, BusinessCalendar calendar)
    {
        var from = calendar.LocalDate(new DateTimeOffset(request.PausedSince!.Value, TimeSpan.Zero));
        var waited = calendar.BusinessDaysBetween(from, calendar.LocalDate(new DateTimeOffset(at, TimeSpan.Zero)));
        if (waited.Failure is { } failure)
        {
            return failure;
        }

        if (request.DueOn is { } due && waited.Value > 0)
        {
            var moved = calendar.AddBusinessDays(due, waited.Value);
            if (moved.Failure is { } outside)
            {
                return outside;
            }

            request.DueOn = moved.Value;
        }

        request.PausedSince = null;
        return Event(request, at, ClockEventKind.Resumed, waited.Value, null);
    }

    public static Result<RequestClockEvent> Extend(DataRequest request, DateTime at, int businessDays, string reason, BusinessCalendar calendar)
    {
        if (request.DueOn is not { } due)
        {
            return Failure.Conflict("request.clock-not-started", "The deadline clock has not started, so there is nothing to extend.");
        }

        var moved = calendar.AddBusinessDays(due, businessDays);
        if (moved.Failure is { } failure)
        {
            return failure;
        }

        request.DueOn = moved.Value;
        request.ExtendedBusinessDays += businessDays;
        request.ExtensionReason = reason;
        return Event(request, at, ClockEventKind.Extended, businessDays, reason);
    }

    /// <summary>The days reminders fall on: each configured number of business days before the due date.</summary>
    public static IReadOnlyList<DateOnly> Reminders(DateOnly due, BusinessCalendar calendar, IEnumerable<int> daysBefore) =>
        daysBefore.Select(d => calendar.AddBusinessDays(due, -d)).Where(r => r.Succeeded).Select(r => r.Value).Order().ToList();

    private static RequestClockEvent Event(DataRequest request, DateTime at, ClockEventKind kind, int days, string? reason) => new()
    {
        Id = Guid.CreateVersion7(new DateTimeOffset(at)),
        RequestId = request.Id,
        At = at,
        Kind = kind,
        BusinessDays = days,
        Reason = reason,
        DueOn = request.DueOn,
    };
}
