using Custodian.Common;
using Custodian.Consent;
using Custodian.Storage;
using Custodian.Vault;

namespace Custodian.Gate;

/// <summary>The person's state allows the use: not erased, use not suspended, provision not stopped.</summary>
internal sealed class PersonStateCheck : IGateCheck
{
    public ValueTask<Failure?> CheckAsync(GateRequest request, CustodianDb db, CancellationToken cancellationToken) => ValueTask.FromResult(request switch
    {
        { Person.State: PersonState.Erased } => ErasureBarrier.Erased,
        { Person.State: PersonState.UseSuspended, Use: not GateUse.Disclose } =>
            Failure.Refused("person.use-suspended", "Use of this person's data is suspended at their request."),
        { Use: not GateUse.Disclose } when UseSuspensions.Suspended(request.Person, request.Purpose.Id) =>
            Failure.Refused("person.purpose-suspended", "Use of this person's data for this purpose is suspended at their request."),
        { Person.ProvisionStopped: true, Use: GateUse.Provide } =>
            Failure.Refused("person.provision-stopped", "The person has asked that provision to third parties stop."),
        _ => null,
    });
}

/// <summary>A service credential is used only for the purposes entrusted to it.</summary>
internal sealed class ActorPurposeCheck : IGateCheck
{
    public ValueTask<Failure?> CheckAsync(GateRequest request, CustodianDb db, CancellationToken cancellationToken) => ValueTask.FromResult(
        request.Actor.MayUse(request.Purpose.Id)
            ? null
            : Failure.Refused("actor.purpose-not-allowed", "This credential is not entrusted with that purpose of use."));
}

/// <summary>A purpose that needs consent is used only while the person's consent is in force.</summary>
internal sealed class ConsentCheck : IGateCheck
{
    public async ValueTask<Failure?> CheckAsync(GateRequest request, CustodianDb db, CancellationToken cancellationToken) =>
        !request.Purpose.RequiresConsent || await ConsentLedger.IsGivenAsync(db, request.Person.Id, request.Purpose.Id, cancellationToken)
            ? null
            : Failure.Refused("consent.missing", "This purpose of use needs the person's consent, and there is none in force.");
}

/// <summary>
/// A catch-all purpose ("anything specified at the time we obtain personal information") would otherwise release every
/// item with no consent: each use must say why. The person's own disclosure needs no reason.
/// </summary>
internal sealed class CatchAllReasonCheck : IGateCheck
{
    public static readonly Failure Missing = Failure.Invalid(
        "reason", "purpose.reason-required", "This purpose of use is a catch-all: each use needs a reason, recorded with it.");

    public ValueTask<Failure?> CheckAsync(GateRequest request, CustodianDb db, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Refusal(request.Purpose, request.Use, request.Reason));

    public static Failure? Refusal(Policy.PurposeOfUse purpose, GateUse use, string? reason) =>
        purpose.CatchAll && use != GateUse.Disclose && string.IsNullOrWhiteSpace(reason) ? Missing
        : reason is { Length: > UseReasons.MaxLength }
            ? Failure.Invalid("reason", "purpose.reason-too-long", $"A reason is at most {UseReasons.MaxLength} characters.")
            : null;
}
