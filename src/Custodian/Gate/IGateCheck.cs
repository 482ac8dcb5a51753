using Custodian.Common;
using Custodian.Storage;

namespace Custodian.Gate;

/// <summary>
/// One rule of the gate. Modules add their rules by registering an implementation; the gate runs them in
/// registration order and refuses at the first failure. A check must not decrypt anything.
/// </summary>
public interface IGateCheck
{
    ValueTask<Failure?> CheckAsync(GateRequest request, CustodianDb db, CancellationToken cancellationToken);
}

/// <summary>
/// Shapes what leaves the gate (hiding or masking items the actor may not see). Runs after the audit event
/// is durable and before the data is returned, so nothing upstream ever sees more.
/// </summary>
public interface IGateViewFilter
{
    IReadOnlyDictionary<string, string> Filter(GateRequest request, IReadOnlyDictionary<string, string> items);
}

/// <summary>
/// A record a module keeps of an allowed use (a transfer abroad's provision record). The gate writes it in the same
/// transaction as the use's audit event, and only while the person still holds a data key, so no record outlives a use
/// the erasure barrier refused.
/// </summary>
public interface IGateUseRecord
{
    /// <summary>The row to keep for this allowed use, or null when the module keeps none.</summary>
    object? RecordFor(GateRequest request, DateTime at);
}
