namespace Custodian.Staff;

/// <summary>
/// The regular check of access logs for one period (local dates, inclusive) and optionally one department.
/// Built from audit events, so it names staff by account (id and user name) and persons by id only.
/// </summary>
internal sealed record AccessReview(
    DateOnly From,
    DateOnly To,
    Guid? DepartmentId,
    string TimeZone,
    IReadOnlyList<StaffAccessLine> Staff,
    IReadOnlyList<BulkRead> BulkReads,
    AccessEventList OutsideHours,
    AccessEventList Denied,
    IReadOnlyList<WidelyViewedPerson> WidelyViewed,
    AccessReviewSignOffView? SignOff)
{
    /// <summary>Uses of catch-all purposes in the period, each with the reason recorded for it.</summary>
    public CatchAllUseList CatchAllUses { get; init; } = new(0, []);
}

/// <summary>Catch-all uses: the total and the first rows, by sequence number.</summary>
internal sealed record CatchAllUseList(int Total, IReadOnlyList<CatchAllUse> Rows);

/// <summary>
/// One use of a catch-all purpose. <paramref name="Reason"/> is null when the reason was forgotten with its person.
/// <paramref name="Actor"/> is the audit name (<c>staff:{id}</c>, <c>token:{id}</c>, <c>system</c>); staff also by account.
/// </summary>
internal sealed record CatchAllUse(
    long Seq, DateTimeOffset At, string Actor, Guid? StaffId, string? UserName, Guid? PersonId, string? Purpose, Guid ReasonId, string? Reason);

/// <summary>One staff member's reads, distinct persons, reads outside working hours and denied attempts in the period.</summary>
internal sealed record StaffAccessLine(Guid StaffId, string? UserName, int Reads, int Persons, int OutsideHours, int Denied);

/// <summary>At least the configured number of persons read by one staff member within the window starting at <paramref name="From"/>.</summary>
internal sealed record BulkRead(Guid StaffId, string? UserName, DateTimeOffset From, DateTimeOffset To, int Persons);

/// <summary>Audit events of one kind: the total and the first rows, by sequence number.</summary>
public sealed record AccessEventList(int Total, IReadOnlyList<AccessEventRow> Rows);

public sealed record AccessEventRow(long Seq, DateTimeOffset At, Guid StaffId, string? UserName, Guid? PersonId, string Event, string? Reason);

internal sealed record WidelyViewedPerson(Guid PersonId, int StaffMembers);

internal sealed record AccessReviewSignOffView(Guid Id, Guid DepartmentId, DateOnly From, DateOnly To, Guid SignedBy, DateTimeOffset SignedAt);

/// <summary>A department whose review is due; <paramref name="ReviewedThrough"/> is the end of its last signed-off period.</summary>
internal sealed record OverdueReview(Guid DepartmentId, string Department, Guid? ManagerId, DateOnly? ReviewedThrough, DateOnly DueOn, int DaysOverdue);
