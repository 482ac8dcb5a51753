using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Vault;

/// <summary>Whether use of a person's data is suspended: for every purpose, or for the purposes named.</summary>
internal sealed record SuspensionState(Guid PersonId, bool AllPurposes, IReadOnlyList<string> Purposes);

/// <summary>
/// Suspension of use at the person's request, for named purposes or for all, and its lifting. The gate reads the
/// result from the person's row on every use (<see cref="Suspended"/>); each change is audited with the purposes by id.
/// </summary>
internal sealed class UseSuspensions(IDbContextFactory<CustodianDb> factory, PolicyStore policies, AuditLog audit, TimeProvider time)
{
    /// <summary>Every purpose: what a suspension that names none covers.</summary>
    public const string AllPurposes = "*";

    /// <summary>Whether the person's use for <paramref name="purpose"/> is suspended (disclosure to the person is never).</summary>
    public static bool Suspended(Person person, string purpose) =>
        person.State == PersonState.UseSuspended
        || (person.SuspendedPurposes is { } named && named.Split(',').Contains(purpose, StringComparer.Ordinal));

    public static SuspensionState StateOf(Person person) => new(
        person.Id, person.State == PersonState.UseSuspended, person.SuspendedPurposes?.Split(',') ?? []);

    public Task<Result<SuspensionState>> SuspendAsync(Actor actor, Guid personId, IReadOnlyList<string>? purposes, CancellationToken cancellationToken = default) =>
        ChangeAsync(personId, person => Suspend(actor, person, purposes, subject: null), cancellationToken);

    public Task<Result<SuspensionState>> LiftAsync(Actor actor, Guid personId, IReadOnlyList<string>? purposes, CancellationToken cancellationToken = default) =>
        ChangeAsync(personId, person => Lift(actor, person, purposes), cancellationToken);

    public async Task<Result<SuspensionState>> StateAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var person = await db.Set<Person>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, cancellationToken);
        return person is null ? Failure.NotFound("person.unknown", "No person has this id.") : StateOf(person);
    }

    /// <summary>
    /// Stages the suspension on a tracked person; the caller commits the audit entry with it (a fulfilled request does,
    /// naming itself as <paramref name="subject"/>). No purposes means every purpose.
    /// </summary>
    public Result<AuditEntry> Suspend(Actor actor, Person person, IReadOnlyList<string>? purposes, string? subject)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(person);
        if (Check(person, purposes) is { } invalid)
        {
            return invalid;
        }

        if (purposes is not { Count: > 0 })
        {
            person.State = PersonState.UseSuspended;
            person.SuspendedPurposes = null;
        }
        else if (person.State != PersonState.UseSuspended)
        {
            person.SuspendedPurposes = Join((person.SuspendedPurposes?.Split(',') ?? []).Union(purposes, StringComparer.Ordinal));
        }

        Touch(person);
        return new AuditEntry(AuditEventType.UseSuspended, actor.AuditName, PersonId: person.Id, Items: Named(purposes), Subject: subject);
    }

    private Result<AuditEntry> Lift(Actor actor, Person person, IReadOnlyList<string>? purposes)
    {
        if (Check(person, purposes) is { } invalid)
        {
            return invalid;
        }

        if (person.State != PersonState.UseSuspended && person.SuspendedPurposes is null)
        {
            return Failure.Conflict("person.use-not-suspended", "Use of this person's data is not suspended.");
        }

        if (purposes is not { Count: > 0 })
        {
            person.SuspendedPurposes = null;
        }
        else
        {
            // Lifting some purposes of a suspension of all leaves every other purpose of the person's policy suspended.
            var suspended = person.State == PersonState.UseSuspended
                ? policies.Find(person.PolicyId)?.Purposes.Select(p => p.Id) ?? []
                : person.SuspendedPurposes!.Split(',');
            person.SuspendedPurposes = Join(suspended.Except(purposes, StringComparer.Ordinal));
        }

        if (person.State == PersonState.UseSuspended)
        {
            person.State = PersonState.Active;
        }

        Touch(person);
        return new AuditEntry(AuditEventType.UseSuspensionLifted, actor.AuditName, PersonId: person.Id, Items: Named(purposes));
    }

    private Failure? Check(Person person, IReadOnlyList<string>? purposes)
    {
        if (person.State == PersonState.Erased)
        {
            return Failure.Gone("person.erased", "This person's data has been erased.");
        }

        var policy = policies.Find(person.PolicyId);
        var unknown = (purposes ?? []).Where(p => policy?.FindPurpose(p) is null).ToList();
        return unknown.Count == 0
            ? null
            : Failure.Invalid("purposes", "purpose.unknown", $"Not purposes of use of the person's policy: {string.Join(", ", unknown)}.");
    }

    private async Task<Result<SuspensionState>> ChangeAsync(Guid personId, Func<Person, Result<AuditEntry>> change, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var person = await db.Set<Person>().FirstOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null)
        {
            return Failure.NotFound("person.unknown", "No person has this id.");
        }

        var changed = change(person);
        if (changed.Failure is { } failure)
        {
            return failure;
        }

        await audit.CommitAsync(db, [changed.Value!], cancellationToken);
        return StateOf(person);
    }

    private void Touch(Person person)
    {
        person.UpdatedAt = time.GetUtcNow().UtcDateTime;
        person.Version++;
    }

    private static string? Join(IEnumerable<string> purposes)
    {
        var sorted = purposes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return sorted.Count == 0 ? null : string.Join(',', sorted);
    }

    private static string Named(IReadOnlyList<string>? purposes) =>
        purposes is { Count: > 0 } ? string.Join('+', purposes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)) : AllPurposes;
}
