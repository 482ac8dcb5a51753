using Custodian.Audit;
using Custodian.Gate;
using Custodian.Staff;
using Custodian.Tests.Support;

namespace Custodian.Tests.Staff;

/// <summary>The review service over a real database: who may review, bad periods, sign-off and overdue reviews.</summary>
public sealed class AccessReviewsTests
{
    private static Actor StaffActor(StaffAccount a) => new(ActorKind.Staff, a.Id, a.Role);

    private static async Task<(StaffHarness H, StaffAccount Manager, DepartmentView Department)> SetUpAsync()
    {
        var h = await StaffHarness.CreateAsync();
        var manager = await h.CreateAccountAsync("manager.one");
        var department = (await h.SafeManagement.CreateDepartmentAsync(Actor.System, "Placement", manager.Id)).Value!;
        Assert.Null(await h.SafeManagement.AssignDepartmentAsync(Actor.System, manager.Id, department.Id));
        return (h, manager, department);
    }

    [Fact]
    public async Task The_report_counts_the_departments_reads_by_staff_id_and_person_id()
    {
        var (h, manager, department) = await SetUpAsync();
        await using var _ = h;
        var outsider = await h.CreateAccountAsync("other.one");
        var person = await HeldPersons.CreateAsync(h.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<Custodian.Storage.CustodianDb>>());
        await h.Audit.RecordAsync(new AuditEntry(AuditEventType.PersonRead, StaffActor(manager).AuditName, PersonId: person, Purpose: "service.apply"));
        await h.Audit.RecordAsync(new AuditEntry(AuditEventType.PersonRead, StaffActor(outsider).AuditName, PersonId: person, Purpose: "service.apply"));

        var review = await h.Reviews.ComputeAsync(StaffActor(manager), "2026-11-01", "2026-11-30", "Placement");

        Assert.True(review.Succeeded, review.Failure?.Detail);
        var line = Assert.Single(review.Value!.Staff);
        Assert.Equal((manager.Id, "manager.one", 1, 1), (line.StaffId, line.UserName, line.Reads, line.Persons));
        // The harness's clock stands on a Sunday.
        Assert.Equal(person, Assert.Single(review.Value.OutsideHours.Rows).PersonId);
        Assert.Equal(department.Id, review.Value.DepartmentId);
    }

    [Theory]
    [InlineData("2026-11-30", "2026-11-01", null, "from", "access-review.period-order")]
    [InlineData("2026-02-30", "2026-11-01", null, "from", "date.format")]
    [InlineData("2026-11-01", "30/11/2026", null, "to", "date.format")]
    [InlineData("2026-11-01", null, null, "to", "required")]
    [InlineData("2024-01-01", "2026-11-01", null, "to", "access-review.period-long")]
    [InlineData("2026-11-01", "2026-11-30", "No such department", "department", "staff.department-unknown")]
    public async Task Bad_periods_and_departments_are_refused_naming_the_field(string? from, string? to, string? department, string field, string code)
    {
        await using var h = await StaffHarness.CreateAsync();
        var failure = (await h.Reviews.ComputeAsync(Actor.System, from, to, department)).Failure;
        Assert.Equal((field, code), (failure?.Field, failure?.Code));
    }

    [Fact]
    public async Task Staff_who_answer_for_no_department_may_not_review()
    {
        var (h, _, _) = await SetUpAsync();
        await using var __ = h;
        var recruiter = await h.CreateAccountAsync("recruiter.two");
        Assert.Equal(AccessReviews.NotAllowed, (await h.Reviews.ComputeAsync(StaffActor(recruiter), "2026-11-01", "2026-11-30", null)).Failure);
        Assert.Empty(await h.Reviews.OverdueAsync(StaffActor(recruiter)));
        Assert.True((await h.Organisation.SetResponsibleManagerAsync(Actor.System, recruiter.Id)).Succeeded);
        Assert.True((await h.Reviews.ComputeAsync(StaffActor(recruiter), "2026-11-01", "2026-11-30", null)).Succeeded);
        Assert.Contains(await h.AuditAsync(), e => e.Type == AuditEventType.ResponsibleManagerSet && e.Subject == recruiter.Id.ToString());
    }

    [Fact]
    public async Task Only_the_information_manager_signs_a_period_off_once_and_after_it_ended()
    {
        var (h, manager, department) = await SetUpAsync();
        await using var _ = h;
        var administrator = new Actor(ActorKind.Staff, Guid.CreateVersion7(), StaffRoles.Administrator);

        Assert.Equal(AccessReviews.NotTheManager, (await h.Reviews.SignOffAsync(administrator, "2026-10-01", "2026-10-31", "Placement")).Failure);
        Assert.Equal("access-review.period-open", (await h.Reviews.SignOffAsync(StaffActor(manager), "2026-11-01", "2026-11-30", "Placement")).Failure?.Code);
        Assert.Equal("department", (await h.Reviews.SignOffAsync(StaffActor(manager), "2026-10-01", "2026-10-31", null)).Failure?.Field);
        var signed = await h.Reviews.SignOffAsync(StaffActor(manager), "2026-10-01", "2026-10-31", department.Id.ToString());
        Assert.True(signed.Succeeded, signed.Failure?.Detail);
        Assert.Equal("access-review.signed-off", (await h.Reviews.SignOffAsync(StaffActor(manager), "2026-10-01", "2026-10-31", "Placement")).Failure?.Code);

        Assert.Contains(await h.AuditAsync(), e => e.Type == AuditEventType.AccessReviewSignedOff && e.Subject == signed.Value!.Id.ToString() && e.Actor == StaffActor(manager).AuditName);
        Assert.Equal(manager.Id, (await h.Reviews.ComputeAsync(StaffActor(manager), "2026-10-01", "2026-10-31", "Placement")).Value!.SignOff?.SignedBy);
    }

    [Fact]
    public async Task A_department_is_overdue_once_cadence_and_grace_have_passed_since_its_last_signed_period()
    {
        var (h, manager, department) = await SetUpAsync();
        await using var _ = h;
        Assert.Empty(await h.Reviews.OverdueAsync(StaffActor(manager)));

        // Created 2026-11-22: due 31 days later, overdue 7 days after that.
        h.Time.Advance(TimeSpan.FromDays(39));
        var overdue = Assert.Single(await h.Reviews.OverdueAsync(Actor.System));
        Assert.Equal((department.Id, new DateOnly(2026, 12, 23), 8), (overdue.DepartmentId, overdue.DueOn, overdue.DaysOverdue));

        Assert.True((await h.Reviews.SignOffAsync(StaffActor(manager), "2026-11-01", "2026-12-30", "Placement")).Succeeded);
        Assert.Empty(await h.Reviews.OverdueAsync(StaffActor(manager)));
    }
}
