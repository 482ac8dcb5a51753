using Custodian.Storage;

namespace Custodian.Vault;

/// <summary>
/// A module that keeps something about persons outside the vault (the mail outbox) and must forget it when they are
/// erased. Called inside the erasure's transaction, after the persons' keys are gone, for every way of erasing.
/// </summary>
public interface IErasureParticipant
{
    Task EraseAsync(CustodianDb db, IReadOnlyList<Guid> personIds, CancellationToken cancellationToken);
}
