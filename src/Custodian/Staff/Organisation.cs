using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custodian.Staff;

/// <summary>
/// The one row of organisation-wide settings: who the responsible manager is (the head of the privacy office,
/// above the departments' information managers).
/// </summary>
internal sealed class StaffOrganisation
{
    public const int TheRow = 1;
    public int Id { get; set; } = TheRow;
    public Guid? ResponsibleManagerId { get; set; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class StaffOrganisationConfiguration : IEntityTypeConfiguration<StaffOrganisation>
{
    public void Configure(EntityTypeBuilder<StaffOrganisation> builder)
    {
        builder.ToTable("staff_organisation");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
    }
}

/// <summary>A staff member as the organisation pages show them: what the safe management measures record about them.</summary>
internal sealed record StaffMemberView(
    Guid Id, string UserName, string Role, Guid? DepartmentId, DateOnly? TrainedOn, DateOnly? PledgeSignedOn, IReadOnlyList<string> Networks);

internal sealed record OrganisationView(Guid? ResponsibleManagerId, IReadOnlyList<DepartmentView> Departments, IReadOnlyList<StaffMemberView> Staff);

/// <summary>The organisational measures: the responsible manager, and who is on the staff with which training, pledge and department.</summary>
internal sealed class Organisation(IDbContextFactory<CustodianDb> factory, AuditLog audit, SafeManagement safeManagement, TimeProvider time)
{
    public async Task<OrganisationView> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var manager = await db.Set<StaffOrganisation>().AsNoTracking().Select(o => o.ResponsibleManagerId).FirstOrDefaultAsync(cancellationToken);
        var accounts = await db.Set<StaffAccount>().AsNoTracking().OrderBy(a => a.UserName).ToListAsync(cancellationToken);
        var staff = accounts.Select(a => new StaffMemberView(
            a.Id, a.UserName, a.Role, a.DepartmentId, Day(a.TrainedAt), Day(a.PledgeSignedAt), a.Networks.Split(',', StringSplitOptions.RemoveEmptyEntries))).ToList();
        return new OrganisationView(manager, await safeManagement.ListDepartmentsAsync(cancellationToken), staff);
    }

    public async Task<Result<Guid>> SetResponsibleManagerAsync(Actor actor, Guid managerId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!await db.Set<StaffAccount>().AnyAsync(a => a.Id == managerId, cancellationToken))
        {
            return Failure.Invalid("managerId", "staff.unknown", "The responsible manager is not a staff account.");
        }

        var row = await db.Set<StaffOrganisation>().FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            row = new StaffOrganisation();
            db.Add(row);
        }

        row.ResponsibleManagerId = managerId;
        row.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await audit.CommitAsync(db, [new AuditEntry(AuditEventType.ResponsibleManagerSet, actor.AuditName, Subject: managerId.ToString())], cancellationToken);
        return managerId;
    }

    private static DateOnly? Day(DateTime? at) => at is { } t ? DateOnly.FromDateTime(t) : null;
}
