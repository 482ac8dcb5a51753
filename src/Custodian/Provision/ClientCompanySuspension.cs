using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Provision;

/// <summary>
/// A client company's access suspended, as an incident's containment: while suspended, nothing is provided to it and its
/// users see nothing (ProvisionRules.CheckCompany, RecipientSide). Ending the suspension restores both.
/// </summary>
internal static class ClientCompanySuspension
{
    public const string Code = "company.suspended";

    public static readonly Failure Suspended = Failure.Refused(Code, "Your company's access is suspended.");

    public static Task<bool> IsSuspendedAsync(CustodianDb db, Guid companyId, CancellationToken cancellationToken) =>
        db.Set<ClientCompany>().AnyAsync(c => c.Id == companyId && c.SuspendedAt != null, cancellationToken);

    /// <summary>Suspends or restores in <paramref name="db"/> and returns the audit entry for the caller's commit.</summary>
    public static async Task<Result<AuditEntry>> SetAsync(CustodianDb db, Actor actor, Guid companyId, bool suspended, DateTime now, CancellationToken cancellationToken)
    {
        if (await db.Set<ClientCompany>().FirstOrDefaultAsync(c => c.Id == companyId, cancellationToken) is not { } company)
        {
            return Failure.NotFound("company.unknown", "No client company has this id.");
        }

        if (suspended == company.SuspendedAt is not null)
        {
            return Failure.Conflict(Code, suspended ? "The company's access is suspended already." : "The company's access is not suspended.");
        }

        company.SuspendedAt = suspended ? now : null;
        return new AuditEntry(suspended ? AuditEventType.ClientCompanySuspended : AuditEventType.ClientCompanyReinstated, actor.AuditName, Subject: company.Id.ToString());
    }
}
