using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Provision;
using Custodian.Staff;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Incidents;

/// <summary>The containment steps an incident page offers; wire names in <see cref="IncidentContainment.Steps"/>.</summary>
public enum ContainmentStep
{
    RevokeToken,
    RevokeConsigneeCredential,
    EndSessions,
    DeactivateAccount,
    SuspendCompany,
}

/// <summary>
/// Containment from an incident: each step is done by the service that owns it (and audited there, as always), then
/// linked to the incident with a timeline line and an <c>IncidentContained</c> event naming the step and its subject.
/// </summary>
internal sealed class IncidentContainment(
    IDbContextFactory<CustodianDb> factory, IncidentRegister register, AuditLog audit, TimeProvider time,
    ApiTokens tokens, StaffSessions sessions, StaffLifecycle lifecycle)
{
    public static IReadOnlyDictionary<string, ContainmentStep> Steps { get; } = new Dictionary<string, ContainmentStep>(StringComparer.Ordinal)
    {
        ["revoke-token"] = ContainmentStep.RevokeToken,
        ["revoke-consignee-credential"] = ContainmentStep.RevokeConsigneeCredential,
        ["end-sessions"] = ContainmentStep.EndSessions,
        ["deactivate-account"] = ContainmentStep.DeactivateAccount,
        ["suspend-company"] = ContainmentStep.SuspendCompany,
    };

    public static Failure UnknownStep => Failure.Invalid("step", "incident.containment-step", $"The step is one of: {string.Join(", ", Steps.Keys)}.");

    public async Task<Result<IncidentView>> TakeAsync(Actor actor, Guid incidentId, string? step, Guid? subject, CancellationToken cancellationToken = default)
    {
        if (!Steps.TryGetValue(step?.Trim() ?? "", out var chosen))
        {
            return UnknownStep;
        }

        if (subject is not { } target || target == Guid.Empty)
        {
            return Failure.Invalid("subject", "incident.containment-subject", "The id of the token, consignee, account or company the step applies to is required.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<Incident>().FirstOrDefaultAsync(i => i.Id == incidentId, cancellationToken) is not { } incident)
        {
            return IncidentRegister.Unknown;
        }

        if (!incident.IsOpen)
        {
            return Failure.Conflict("incident.closed", "The incident is closed; reopen it before taking a step from it.");
        }

        var failure = chosen switch
        {
            ContainmentStep.RevokeToken => (await tokens.RevokeAsync(actor, target, cancellationToken)).Failure,
            ContainmentStep.RevokeConsigneeCredential => await RevokeConsigneeAsync(db, actor, target, cancellationToken),
            ContainmentStep.EndSessions => await sessions.SignOutEverywhereAsync(actor, target, cancellationToken),
            ContainmentStep.DeactivateAccount => await lifecycle.DeactivateAsync(actor, target, cancellationToken),
            _ => null,
        };
        if (failure is not null)
        {
            return failure with { Field = failure.Field is null or "id" ? "subject" : failure.Field };
        }

        var entries = new List<Audit.AuditEntry>();
        if (chosen == ContainmentStep.SuspendCompany)
        {
            // The suspension commits with the incident's link: one transaction, both or neither.
            var suspended = await ClientCompanySuspension.SetAsync(db, actor, target, true, time.GetUtcNow().UtcDateTime, cancellationToken);
            if (!suspended.Succeeded)
            {
                return suspended.Failure! with { Field = "subject" };
            }

            entries.Add(suspended.Value!);
        }

        entries.Add(register.Link(db, incident, actor, "containment:" + Steps.First(s => s.Value == chosen).Key, target.ToString()));
        await audit.CommitAsync(db, entries, cancellationToken);
        return await register.GetAsync(incidentId, cancellationToken);
    }

    private async Task<Failure?> RevokeConsigneeAsync(CustodianDb db, Actor actor, Guid consigneeId, CancellationToken cancellationToken)
    {
        var consignee = await db.Set<Consignee>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == consigneeId, cancellationToken);
        if (consignee is null)
        {
            return Failure.NotFound("consignee.unknown", "No consignee has this id.");
        }

        return consignee.TokenId is { } token
            ? (await tokens.RevokeAsync(actor, token, cancellationToken)).Failure
            : Failure.Conflict("consignee.no-credential", "This consignee holds no credential.");
    }
}
